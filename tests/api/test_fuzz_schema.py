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


WRITES = ["POST", "PUT", "PATCH"]
ON_AN_ITEM = r"\{"  # a path with a parameter: /visits/{id}/members/
FULL_COVERAGE = os.environ.get("FUZZ_COVERAGE", "") == "1"  # every phase for every operation and caller: a deep local run


def _published_schema():
    """The schema as the portal publishes it (no database needed to build it); one test per operation."""
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


# The coverage phase sends each operation's boundary values (missing, empty, too long, out of range, impossible dates):
# about 125 requests per operation, three quarters of the fuzzer's time. It runs where those values reach a serializer:
# the head's writes to a collection (creating a visit, submitting an appeal; the 500 it found last, an impossible
# date in a new press event, was there). A write to an item (/visits/{id}/members/) looks the item up first, and a generated id is almost never one
# that exists, so its boundary bodies would only meet the 404; reads send no body, and their filters' bounds have
# their own tests (tests/core/test_edge_inputs.py). Those get the schema's examples and the generated cases, as do
# anonymous calls (a staff endpoint stops them at authentication). FUZZ_COVERAGE=1 runs every phase everywhere.
head_boundaries = _published_schema().include(method=WRITES).exclude(path_regex=ON_AN_ITEM)
head_other = _published_schema().exclude(func=lambda ctx: ctx.operation.method.upper() in WRITES
                                          and "{" not in ctx.operation.path)
head_other.config.phases.coverage.enabled = FULL_COVERAGE
anonymous_schema = _published_schema()
anonymous_schema.config.phases.coverage.enabled = FULL_COVERAGE


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
@head_boundaries.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=FUZZ_DERANDOMIZE,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_a_heads_boundary_bodies_as_documented(case, head_headers):
    _fuzz(case, head_headers)


@pytest.mark.django_db
@head_other.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=FUZZ_DERANDOMIZE,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_a_heads_other_requests_as_documented(case, head_headers):
    _fuzz(case, head_headers)
