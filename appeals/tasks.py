from celery import shared_task


@shared_task(ignore_result=True)
def statistics_send_monthly():
    """Daily; on the first working day of the month sends last month's statistics to the heads (once)."""
    from appeals.statistics import statistics_send_monthly as send

    return send()


@shared_task(ignore_result=True)
def reception_remind():
    """Daily; reminds citizens booked for tomorrow's receptions (once each)."""
    from appeals.reception import reception_remind as remind

    return remind()
