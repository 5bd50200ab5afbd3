"""No personal data in the logs: what the handlers write has e-mail addresses, phone numbers and the private
tokens of citizens' links masked, and keeps everything else."""

import io
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

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


def test_a_search_query_is_masked_and_the_rest_of_the_request_line_kept():
    line = '"GET /appeals/cases/?state=new&text=H%C9%99s%C9%99nova HTTP/1.1" 200 "/structure/search/?q=Leyla+H%C9%99s%C9%99nova"'
    masked = mask(line)
    assert "H%C9%99s%C9%99nova" not in masked and "Leyla" not in masked
    assert "/appeals/cases/?state=new&text=[search]" in masked and "/structure/search/?q=[search]" in masked


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_web_servers_request_lines_carry_no_personal_data(free_port):
    """gunicorn writes its access log with its own handlers, past Django's LOGGING: the production command gives
    it the same filter."""
    root = Path(__file__).resolve().parent.parent.parent
    command = ["--access-logfile", "-", "--logger-class", "core.gunicorn_logging.MaskedLogger"]
    assert " ".join(command) in (root / "docker-compose.yml").read_text()
    assert ", ".join(f'"{part}"' for part in command) in (root / "Dockerfile").read_text()
    database = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}/{database['NAME']}"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{free_port}",
                               "--workers", "1", *command], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{free_port}/healthz", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        for path, referer in [("/appeals/track/uOR3Gar6BNI6d1J6LUgy3lmnvx6vemJt/", ""),
                              ("/appeals/cases/?state=new&text=leyla%40example.az", "/appeals/cases/?text=H%C9%99s%C9%99nova")]:
            request = urllib.request.Request(f"http://127.0.0.1:{free_port}{path}", headers={"Host": "localhost", "Referer": referer})
            try:
                urllib.request.urlopen(request, timeout=10)
            except urllib.error.HTTPError:
                pass  # a 404 or the login page: the line is written all the same
    finally:
        server.terminate()
        written = server.communicate(timeout=30)[0].decode()
    assert "/appeals/track/[token]/" in written and "state=new&text=[search]" in written
    assert "uOR3Gar6BNI6d1J6LUgy3lmnvx6vemJt" not in written and "leyla" not in written and "H%C9%99s" not in written


@pytest.mark.slow
def test_a_celery_workers_own_log_handlers_mask_too():
    """A worker sets up its own handlers on the root and task loggers at start, past Django's LOGGING: an outbox
    failure in a task would name its recipient."""
    root = Path(__file__).resolve().parent.parent.parent
    script = "\n".join([
        "import logging",
        "from celery.utils.log import get_task_logger",
        "from config.celery_app import app",
        "app.log.setup(loglevel='INFO', logfile=None, redirect_stdouts=False)  # what `celery worker` does at start",
        "logging.getLogger('core.outbox').warning('E-mail 7 not delivered to leyla@example.az')",
        "get_task_logger('core.tasks').warning('Refused: anar@example.az, +994 50 123 45 67')",
    ])
    written = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60,
                             env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"})
    output = written.stdout + written.stderr
    assert "E-mail 7 not delivered to [e-mail]" in output and "Refused: [e-mail], [phone]" in output, output
    assert "leyla@example.az" not in output and "anar@example.az" not in output and "123 45 67" not in output
