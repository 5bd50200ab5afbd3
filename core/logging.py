"""Logs carry no personal data: e-mail addresses, phone numbers and the private tokens in citizens' links are
masked in every line the handlers write (an SMTP refusal names its recipient; a 400 on a tracking page names
the link)."""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/.-])\+?\d[\d ()-]{7,}\d(?![\w/.-])")
PRIVATE_LINK = re.compile(r"(/(?:appeals/track|reception/booking|public/cases|public/reception/bookings|agenda/feed)/)[A-Za-z0-9_-]{8,}")


def mask(text):
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
