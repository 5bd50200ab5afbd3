"""A clerk's "number or subject contains" search on the big registers is served by an index, not a read of
every row (the timing at a million rows is in `make bench`)."""

import pytest
from django.db import connection

from appeals.models import Case
from core.search_indexes import contains_index_name
from documents.models import Document

pytestmark = pytest.mark.django_db


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # on an almost empty table reading it all is cheapest: leave the planner only the index lookups
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(("queryset", "table", "columns"), [
    (lambda: Case.objects.matching("pension"), "appeals_case", ["number", "subject", "name", "email", "phone"]),
    (lambda: Document.objects.matching("azertac"), "documents_document",
     ["number", "correspondent_number", "subject", "correspondent", "summary"]),
    (lambda: Document.objects.filter(correspondent__icontains="azertac"), "documents_document", ["correspondent"]),
])
def test_contains_search_is_served_by_an_index(queryset, table, columns):
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    plan = _plan(queryset())
    assert "Seq Scan" not in plan, plan
    for column in columns:
        assert contains_index_name(table, column) in plan, plan
