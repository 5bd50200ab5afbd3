"""Test settings: the database comes from DATABASE_URL (PostgreSQL under `make test`)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
_GENEROUS = {"anon": "10000/minute", "user": "10000/minute", "token": "10000/minute", "regulation_preview": "10000/minute"}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **_GENEROUS}}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # a file, not Django's shared in-memory database, so that concurrent tests meet real SQLite locking
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-smoke-concurrency.sqlite3")}  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_OPTIONS = {}
# the suite sends many requests from one address; the rate-limit tests set their own limits
PUBLIC_RATE_LIMITS = {name: "100000/m" for name in PUBLIC_RATE_LIMITS}  # noqa: F405
AXES_FAILURE_LIMIT = 5
# uploaded files of the tests go to a throw-away folder, never into the demo's var/media
MEDIA_ROOT = Path(tempfile.gettempdir()) / "ministry-portal-test-media"
