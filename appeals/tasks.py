from celery import shared_task


@shared_task(ignore_result=True)
def statistics_send_monthly():
    """Daily; on the first working day of the month sends last month's statistics to the heads (once)."""
    from appeals.statistics import statistics_send_monthly as send

    return send()
