"""The API fuzzer: schemathesis generates requests from the published schema and sends them, in process,
to the portal on the real test database, anonymously and as a head with a token. Any 500, any status the
schema does not document, any body or content type that does not match it, is a finding and fails the
test. Every operation added later is covered without changing this file; examples per operation are
bounded (FUZZ_EXAMPLES) to keep `make test` fast."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import UserFactory, open_card

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))  # per operation; raise it locally for a deeper run
# the same examples on every run, so a red CI run is reproducible; FUZZ_RANDOM=1 explores anew
FUZZ_DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") != "1"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]


# the schema as the portal publishes it (no database needed to build it); one test per operation
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
# Anonymous calls: the schema's examples and the fuzzer, without the coverage phase's boundary values (well over a
# hundred requests per operation, and an anonymous call to a staff endpoint stops at authentication anyway); the
# head's run keeps all phases and so covers the public endpoints' boundaries too. FUZZ_COVERAGE=1 restores them here.
anonymous_schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
anonymous_schema.config.phases.coverage.enabled = os.environ.get("FUZZ_COVERAGE", "") == "1"


@pytest.fixture
def head_headers(db):
    """A head of a department that is the ministry's press service, with a sector and a card under control, calling
    with a token."""
    from core.services.tokens import api_token_create
    from units.models import ServiceDesignation
    from units.services import membership_assign, unit_create

    ministry = unit_create(name="Ministry of Fuzzing", kind="ministry")
    department = unit_create(name="Department of Inputs", kind="department", parent=ministry)
    sector = unit_create(name="Sector of Edges", kind="sector", parent=department)
    head, officer = UserFactory(username="fuzz_head"), UserFactory(username="fuzz_officer")
    membership_assign(user=head, unit=department, kind="head")
    membership_assign(user=officer, unit=sector, kind="officer")
    open_card(unit=sector, executor=officer, title="A card to find")
    ServiceDesignation.objects.create(organisation=ministry, function="press", unit=department)
    _token, text = api_token_create(user=head, name="fuzzer", days=1)
    return {"Authorization": f"Token {text}"}


@pytest.fixture(autouse=True)
def _in_process_requests_keep_the_test_transaction():
    """Requests go through the WSGI handler in the test's thread, inside the test's transaction. Like
    Django's test client, keep the handler from closing that connection at the end of each request;
    start from empty throttle counters."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    cache.clear()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzz(case, headers):
    case.call_and_validate(headers={**headers, "Accept-Language": "en"}, checks=CHECKS)


@pytest.mark.django_db
@anonymous_schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=FUZZ_DERANDOMIZE,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_anonymous_requests_as_documented(case):
    _fuzz(case, {})


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=FUZZ_DERANDOMIZE,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_a_heads_requests_as_documented(case, head_headers):
    _fuzz(case, head_headers)
