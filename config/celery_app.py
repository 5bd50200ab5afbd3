"""The Celery application. The beat schedule lives here, in code; every entry expires before it
would run again, so a backlog never piles up duplicate sweeps."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ministry_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _mask_personal_data(logger, **kwargs):
    """A worker replaces the root logger's handlers with its own (worker_hijack_root_logger), and with them the
    filter of Django's LOGGING: an outbox failure would name its recipient. Its handlers get the same filter."""
    from core.logging import mask_handlers

    mask_handlers(logger.handlers)

app.conf.beat_schedule = {
    "deliver-pending-emails": {
        "task": "core.tasks.deliver_pending_emails",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
    "control-sweep": {
        "task": "documents.tasks.control_sweep",
        "schedule": 300.0,
        "options": {"expires": 280},
    },
    "control-daily-digest": {
        "task": "documents.tasks.control_daily_digest",
        "schedule": crontab(hour=8, minute=0),
        "options": {"expires": 3600},
    },
    "approval-remind-waiting": {
        "task": "documents.tasks.approval_remind_waiting",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
    # closes last year's case files on the first working day of the year (a no-op on every other day)
    "case-files-close-past-years": {
        "task": "documents.tasks.case_files_close_past_years",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 3600},
    },
    # last month's statistics of citizens' cases to the heads, on the first working day of the month (once)
    "appeals-statistics-monthly": {
        "task": "appeals.tasks.statistics_send_monthly",
        "schedule": crontab(hour=7, minute=30),
        "options": {"expires": 3600},
    },
    "appeals-reception-remind": {
        "task": "appeals.tasks.reception_remind",
        "schedule": crontab(hour=10, minute=0),
        "options": {"expires": 3600},
    },
    "media-accreditation-remind": {
        "task": "media_relations.tasks.accreditation_remind_expiring",
        "schedule": crontab(hour=9, minute=0),
        "options": {"expires": 3600},
    },
    "media-events-remind": {
        "task": "media_relations.tasks.press_events_remind",
        "schedule": crontab(hour=10, minute=15),
        "options": {"expires": 3600},
    },
    "media-monitoring-digest": {
        "task": "media_relations.tasks.mentions_daily_digest",
        "schedule": crontab(hour=8, minute=15),
        "options": {"expires": 3600},
    },
    "media-subscriptions-remind": {
        "task": "media_relations.tasks.subscriptions_remind",
        "schedule": crontab(hour=9, minute=15),
        "options": {"expires": 3600},
    },
    "protocol-agreements-alert": {
        "task": "protocol.tasks.agreements_alert",
        "schedule": crontab(hour=8, minute=45),
        "options": {"expires": 3600},
    },
}
