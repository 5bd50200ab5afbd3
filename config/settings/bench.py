"""`make bench` only: the test settings served by gunicorn on loopback, with a bare DRF create endpoint to compare
the public submission against (config.bench_urls)."""

from .test import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
