"""Logs carry no personal data: e-mail addresses, phone numbers, the private tokens in citizens' links and what
was typed into a search are masked in every line the handlers write (an SMTP refusal names its recipient; a 400
on a tracking page names the link; a request line of the web server carries the clerk's search for a caller's
name). The web server's and Celery's own handlers get the same filter (core.gunicorn_logging, config.celery_app)."""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/.-])\+?\d[\d ()-]{7,}\d(?![\w/.-])")
# the values of a query's search parameters (a clerk finds a case by the citizen's name, e-mail or phone), and of
# the login's `next`, which carries the page asked for with its query
SEARCH_QUERY = re.compile(r"([?&](?:text|q|next)=)[^&\s\"']*")
PRIVATE_LINK = re.compile(r"(/(?:appeals/track|reception/booking|public/cases|public/reception/bookings|agenda/feed)/)[A-Za-z0-9_-]{8,}")


def mask(text):
    text = SEARCH_QUERY.sub(r"\1[search]", text)
    text = EMAIL.sub("[e-mail]", text)
    text = PRIVATE_LINK.sub(r"\1[token]", text)
    # nine digits or more: a phone number, not a date, an id or a count
    return PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 9 else m.group(), text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


def mask_handlers(handlers):
    """Give handlers that another library set up (gunicorn's, Celery's) the same filter as ours."""
    for handler in handlers:
        if not any(isinstance(existing, PersonalDataFilter) for existing in handler.filters):
            handler.addFilter(PersonalDataFilter())
