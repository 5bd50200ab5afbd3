"""Django e-mail backend that writes every message into the outbox instead of sending it.

`send_mail`, password-reset mails and our own notices all become OutboundEmail rows inside the
caller's transaction; delivery happens after commit through the backend EMAIL_URL names."""

from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from core.services.outbox import outbox_enqueue

        count = 0
        for message in email_messages:
            if message.attachments:
                # The outbox stores text and HTML only; an attachment would be silently dropped.
                raise ValueError("The e-mail outbox does not carry attachments yet.")
            html = next((content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
            outbox_enqueue(
                from_email=message.from_email,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                html_body=html,
            )
            count += 1
        return count
