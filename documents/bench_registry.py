"""The registry at scale (part of `make bench`): the list API at 10,000 and at BENCH_DOCUMENTS documents in the
same run (p50 ratio, query counts), and BENCH_REGISTRATIONS registrations from 8 threads at once (no number
twice, none skipped, throughput)."""

import os
import statistics
import threading
import time

DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "1000000"))
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "10000"))
THREADS = 8


def _insert_documents(cursor, *, organisation, unit, journal, clerk, first, count, now):
    cursor.execute(
        """
        INSERT INTO documents_document (organisation_id, unit_id, journal_id, direction, year, sequence, number, registered_at,
            registered_by_id, correspondent, correspondent_number, subject, summary, access_level, pages, state)
        SELECT %s, %s, %s, CASE WHEN g %% 3 = 0 THEN 'outgoing' ELSE 'incoming' END, 2026, g, g || '/26',
               %s::timestamptz - (g %% 3650) * interval '1 day', %s, 'Correspondent ' || (g %% 5000), 'C-' || g,
               'Letter number ' || g, '', 'internal', 1, 'registered'
        FROM generate_series(%s, %s) AS g
        """,
        [organisation.pk, unit.pk, journal.pk, now, clerk.pk, first, first + count - 1],
    )
    cursor.execute("ANALYZE documents_document")


def list_p50(client, url, params, runs=25):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:200]
        queries.add(len(captured))
    return statistics.median(timings), queries


def run(results):
    from django.db import connection
    from django.utils import timezone
    from rest_framework.test import APIClient

    from core.models import User
    from documents.models import Document, Journal
    from documents.services.registry import document_register, journal_for
    from units.models import PositionKind, UnitKind
    from units.services import membership_assign, unit_create

    print(f"Registry benchmark: {DOCUMENTS:,} documents, {REGISTRATIONS:,} registrations from {THREADS} threads", flush=True)
    now = timezone.now()
    ministry = unit_create(name="Registry Bench Ministry", kind=UnitKind.MINISTRY)
    department = unit_create(name="Registry Bench Department", kind=UnitKind.DEPARTMENT, parent=ministry)
    clerk = User.objects.create(username="bench_clerk", email="clerk@bench.example")
    membership_assign(user=clerk, unit=ministry, kind=PositionKind.CLERK)
    seeded = Journal.objects.create(organisation=ministry, code="seeded", name="Seeded", direction="incoming", number_format="{seq}")
    client = APIClient(SERVER_NAME="localhost")  # outside the test runner, "testserver" is no allowed host
    client.force_authenticate(clerk)
    url = "/api/v1/documents/"
    params = {"direction": "incoming", "registered_from": f"{now.year - 1}-01-01", "registered_to": f"{now.year}-12-31", "limit": 50}

    small = min(10_000, DOCUMENTS)
    with connection.cursor() as cursor:
        _insert_documents(cursor, organisation=ministry, unit=department, journal=seeded, clerk=clerk, first=1, count=small, now=now)
    p50_small, queries_small = list_p50(client, url, params)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        _insert_documents(cursor, organisation=ministry, unit=department, journal=seeded, clerk=clerk, first=small + 1,
                          count=DOCUMENTS - small, now=now)
    results["seed documents (set-based)"] = {"seconds": round(time.perf_counter() - started, 2)}
    p50_large, queries_large = list_p50(client, url, params)
    results["registry list p50 at 10,000"] = {"seconds": round(p50_small, 4), "queries": sorted(queries_small)}
    results[f"registry list p50 at {DOCUMENTS:,}"] = {"seconds": round(p50_large, 4), "queries": sorted(queries_large)}
    ratio = p50_large / p50_small if p50_small else None
    results["registry_p50_ratio"] = round(ratio, 2) if ratio else None
    print(f"  registry list p50: {p50_small * 1000:.1f} ms at {small:,}, {p50_large * 1000:.1f} ms at {DOCUMENTS:,} "
          f"(ratio {ratio:.2f}); queries {sorted(queries_small)} vs {sorted(queries_large)}", flush=True)

    journal = journal_for(organisation=ministry, direction="incoming")
    per_thread = REGISTRATIONS // THREADS
    barrier, errors = threading.Barrier(THREADS), []

    def register_many():
        try:
            barrier.wait()
            for n in range(per_thread):
                document_register(actor=clerk, unit=department, direction="incoming", subject=f"Concurrent {n}", correspondent="Bench")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_many) for _ in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    sequences = sorted(Document.objects.filter(journal=journal).values_list("sequence", flat=True))
    total = per_thread * THREADS
    results[f"register {total:,} documents from {THREADS} threads"] = {
        "seconds": round(elapsed, 2), "per_second": round(total / elapsed, 1), "errors": len(errors),
        "duplicates": len(sequences) - len(set(sequences)), "gapless": sequences == list(range(1, total + 1))}
    print(f"  registered {total:,} documents from {THREADS} threads in {elapsed:.1f} s ({total / elapsed:.0f}/s); "
          f"errors {len(errors)}, numbers 1..{total} without gaps or duplicates: {sequences == list(range(1, total + 1))}", flush=True)
    return {
        "registry list p50 ratio ≤ 1.5": ratio is not None and ratio <= 1.5,
        "registry list query count constant": queries_small == queries_large and len(queries_small) == 1,
        "concurrent registration: no duplicate or skipped number": not errors and sequences == list(range(1, total + 1)),
    }
