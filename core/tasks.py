from celery import shared_task

from core.services.outbox import outbox_deliver, outbox_deliver_pending


@shared_task(ignore_result=True)
def deliver_outbound_email(email_id):
    outbox_deliver(email_id=email_id)


@shared_task(ignore_result=True)
def deliver_pending_emails():
    return outbox_deliver_pending()
