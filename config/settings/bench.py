"""`make bench` only: the test settings served by gunicorn on loopback, with a bare DRF create endpoint to compare
the public submission against (config.bench_urls)."""

import os

from .test import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
# as in production: a worker keeps its database connection between requests
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("BENCH_CONN_MAX_AGE", "60"))  # noqa: F405
