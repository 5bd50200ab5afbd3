from celery import shared_task


@shared_task(ignore_result=True)
def accreditation_remind_expiring():
    """Daily; tells journalists whose accreditation ends within two weeks (once each)."""
    from media_relations.services.accreditation import accreditation_remind_expiring as remind

    return remind()


@shared_task(ignore_result=True)
def press_events_remind():
    """Daily; reminds the confirmed journalists of tomorrow's events (once per event)."""
    from media_relations.services.events import press_events_remind as remind

    return remind()


@shared_task(ignore_result=True)
def mentions_daily_digest():
    """Daily; yesterday's monitoring to the leadership and the press service's heads (once per day)."""
    from media_relations.services.mentions import mentions_daily_digest as digest

    return digest()


@shared_task(ignore_result=True)
def subscriptions_remind():
    """Daily; the subscriptions that lapse within a month, to the press service's heads (once per period)."""
    from media_relations.services.archive import subscriptions_remind as remind

    return remind()
