import os
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

# Playwright's sync API runs an event loop in the test thread; Django's live server tests need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
REGULATIONS = REPO / "units" / "regulations"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_FLAGS}


@pytest.fixture
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def regulation_text():
    def read(name):
        return (REGULATIONS / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def imported(db):
    """The shared regulation texts imported into three organisations; returns units by name."""
    from units.importer.parse import parse_text
    from units.models import Unit
    from units.services import regulation_import

    for path in sorted(REGULATIONS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for parsed in parse_text(text):
            regulation_import(parsed=parsed, source_text=text, source_name=path.name)
    return {u.name: u for u in Unit.objects.all()}


@pytest.fixture
def staff(imported):
    """Users placed in the imported units: leadership, heads, deputy, sector head, officers, clerk."""
    from tests.factories import UserFactory
    from units.services import membership_assign

    plan = {
        "minister": ("Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "head"),
        "pr_head": ("İctimaiyyətlə əlaqələr şöbəsi", "head"),
        "pr_deputy": ("İctimaiyyətlə əlaqələr şöbəsi", "deputy"),
        "info_head": ("İnformasiya sektoru", "sector_head"),
        "info_officer": ("İnformasiya sektoru", "officer"),
        "pr_officer": ("İctimaiyyətlə əlaqələr şöbəsi", "officer"),
        "comm_officer": ("Kommunikasiya sektoru", "officer"),
        "icd_head": ("International Cooperation Department", "head"),
    }
    users = {}
    for key, (unit_name, kind) in plan.items():
        users[key] = UserFactory(username=key, preferred_language="en")
        # in post since last year: tests that replay a past day (a sweep "on 25 November") find them in place
        membership_assign(user=users[key], unit=imported[unit_name], kind=kind, start=timezone.localdate() - timedelta(days=365))
    return users


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """pytest-django swaps in the locmem backend; the portal's real path is the outbox, which then
    delivers to locmem (see config/settings/test.py)."""
    settings.EMAIL_BACKEND = "core.mail.OutboxEmailBackend"


@pytest.fixture(autouse=True)
def _database_as_a_fresh_portal_has_it(request):
    """Transactional tests flush the tables, seeded rows included; put the statutory policies back. The flush also
    drops content types made after the database was serialized, which the process still had cached (an agenda entry
    then named a type that no longer existed, depending on the order the tests ran in)."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from django.contrib.contenttypes.models import ContentType

    from documents.policies import deadline_policies_seed

    ContentType.objects.clear_cache()
    deadline_policies_seed()


@pytest.fixture(scope="session", autouse=True)
def _celery_queue_per_test_process():
    """Under xdist each test process has its own database; its tasks get their own queue, so one
    process's worker never runs another's tasks against the wrong database."""
    from config.celery_app import app

    app.conf.task_default_queue = f"portal-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@pytest.fixture
def celery_worker_on_redis():
    """A real Celery worker in a thread, consuming from the Redis broker that `make test` starts."""
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("needs the Redis broker (make test starts one)")
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


@pytest.fixture
def drf_throttle_rates(settings):
    """Set DRF throttle rates for one test: set_rates(anon="3/minute"). DRF reads the rates into a class
    attribute once; this puts them there and back, and empties the counters before and after."""
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    original = SimpleRateThrottle.THROTTLE_RATES

    def set_rates(**rates):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": settings.TRUSTED_PROXY_COUNT,
                                   "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES

    cache.clear()
    yield set_rates
    SimpleRateThrottle.THROTTLE_RATES = original
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_portal_identity(request):
    """The identity is cached across requests; a rolled-back test must not leave its row in the next one's header.
    It is read once before the test (as a running portal has it cached), so a page's first request costs the
    same queries as its second."""
    from django.core.cache import cache

    from core.identity import _CACHE_KEY, _stored

    for name in request.fixturenames:  # the fixtures that empty the whole cache (calendars, rate counters) go first
        if name.startswith("_fresh_") and name != "_fresh_portal_identity":
            request.getfixturevalue(name)
    cache.delete(_CACHE_KEY)
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("_django_db_helper")
        _stored()
