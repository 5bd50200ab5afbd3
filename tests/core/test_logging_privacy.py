"""No personal data in the logs: what the handlers write has e-mail addresses, phone numbers and the private
tokens of citizens' links masked, and keeps everything else."""

import io
import logging

from core.logging import mask


def test_the_mask_keeps_dates_and_ids_and_hides_contacts_and_tokens():
    line = ("E-mail 42 refused: {'leyla@example.az': (550, b'No such user')} on 2026-11-25 for +994 50 123 45 67; "
            "Bad Request: /appeals/track/uOR3Gar6BNI6d1J6LUgy3lmnvx6vemJt/ and /api/v1/public/cases/abcDEF123_-xyz987/")
    masked = mask(line)
    assert "leyla@example.az" not in masked and "123 45 67" not in masked
    assert "uOR3Gar6BNI6d1J6LUgy3lmnvx6vemJt" not in masked and "abcDEF123_-xyz987" not in masked
    assert "E-mail 42 refused" in masked and "2026-11-25" in masked and "/appeals/track/[token]/" in masked


def test_the_configured_handler_writes_masked_lines(settings):
    from django.utils.module_loading import import_string

    console = settings.LOGGING["handlers"]["console"]
    filters = [import_string(settings.LOGGING["filters"][name]["()"])() for name in console["filters"]]
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"][console["formatter"]]["format"]))
    for log_filter in filters:
        handler.addFilter(log_filter)
    logger = logging.getLogger("tests.logging_privacy")
    logger.addHandler(handler)
    # a Celery worker started in this process earlier (another test) may have raised the root level
    previous_level, logger.level = logger.level, logging.INFO
    try:
        logger.warning("E-mail %s not delivered: %s", 7, "refused leyla@example.az")
        try:
            raise ValueError("no mailbox for anar@example.az")
        except ValueError:
            logger.exception("Delivery failed")
    finally:
        logger.removeHandler(handler)
        logger.level = previous_level
    written = buffer.getvalue()
    assert "E-mail 7 not delivered: refused [e-mail]" in written
    assert "anar@example.az" not in written and "leyla@example.az" not in written and "ValueError" in written
