from celery import shared_task


@shared_task(ignore_result=True)
def agreements_alert():
    """Daily; agreements that expire, or whose renewal must be decided, within the alert period (once each)."""
    from protocol.services.agreements import agreements_alert as alert

    return alert()
