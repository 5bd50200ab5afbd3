"""`make bench`: execution control at scale, on PostgreSQL. Not a test: it measures and reports.

Seeds 1,000,000 open control cards set-based in a database of its own (portal_bench), then measures a
quiet sweep, a sweep where 10,000 cards cross a threshold, the first sweep where all cards are overdue,
computing 1,000,000 due dates, and importing the shared regulation texts. Writes var/bench/results.json
and prints a table.
"""

import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

CARDS = int(os.environ.get("BENCH_CARDS", "1000000"))
CROSSING = int(os.environ.get("BENCH_CROSSING", "10000"))
ROOT = Path(__file__).resolve().parent.parent


def bench_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: DATABASE_URL=postgres://… (make bench starts one)")
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS portal_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE portal_bench")
    os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path="/portal_bench"))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_BROKER_URL"] = "memory://localhost/"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timed(label, results, function, *args, **kwargs):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        value = function(*args, **kwargs)
        elapsed = time.perf_counter() - started
    results[label] = {"seconds": round(elapsed, 4), "queries": len(queries)}
    print(f"  {label:<48} {elapsed:9.3f} s {len(queries):6d} queries", flush=True)
    return value


def _seed(now):
    """Units, heads, 200 executors and the cards, all set-based."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from core.models import User
    from documents.models import DeadlinePolicy
    from units.models import PositionKind, UnitKind
    from units.services import membership_assign, unit_create

    ministry = unit_create(name="Bench Ministry", kind=UnitKind.MINISTRY)
    units = []
    for d in range(4):
        department = unit_create(name=f"Department {d}", kind=UnitKind.DEPARTMENT, parent=ministry)
        units.append(department)
        membership_assign(user=User.objects.create(username=f"head{d}", email=f"head{d}@bench.example"), unit=department,
                          kind=PositionKind.HEAD)
        for s in range(4):
            sector = unit_create(name=f"Sector {d}.{s}", kind=UnitKind.SECTOR, parent=department)
            units.append(sector)
            membership_assign(user=User.objects.create(username=f"sector{d}{s}", email=f"s{d}{s}@bench.example"), unit=sector,
                              kind=PositionKind.SECTOR_HEAD)
    executors = User.objects.bulk_create(User(username=f"executor{n}", email=f"e{n}@bench.example") for n in range(200))
    policy = DeadlinePolicy.objects.get(code="appeal.standard", organisation__isnull=True)
    content_type = ContentType.objects.get_for_model(User)
    unit_ids = [u.pk for u in units]
    executor_ids = [e.pk for e in executors]
    with connection.cursor() as cursor:
        # due dates spread over the coming year, none near a threshold; due_changed_at long ago
        cursor.execute(
            """
            INSERT INTO documents_controlcard (content_type_id, object_id, title, policy_id, term_value, term_unit, start, due,
                responsible_unit_id, executor_id, state, due_changed_at, created_at, result)
            SELECT %s, g, 'Bench card ' || g, %s, 15, 'working_days', %s::timestamptz - interval '30 days',
                   %s::timestamptz + interval '10 days' + (g %% 350) * interval '1 day' + (g %% 1440) * interval '1 minute',
                   (%s::bigint[])[1 + g %% %s], (%s::bigint[])[1 + g %% %s], 'open', %s::timestamptz - interval '30 days',
                   %s::timestamptz - interval '30 days', ''
            FROM generate_series(1, %s) AS g
            """,
            [content_type.pk, policy.pk, now, now, unit_ids, len(unit_ids), executor_ids, len(executor_ids), now, now, CARDS],
        )
        cursor.execute("ANALYZE documents_controlcard")


def _one_megabyte(pieces):
    """The pieces repeated in turn up to 1 MB of UTF-8 (the importer's cap)."""
    from units.importer.parse import MAX_TEXT_BYTES

    out, size, n = [], 0, 0
    while size < MAX_TEXT_BYTES - 4096:
        piece = pieces[n % len(pieces)] + "\n\n"
        out.append(piece)
        size += len(piece.encode("utf-8"))
        n += 1
    return "".join(out)


def main():
    bench_database()
    setup_django()
    from django.db import connection
    from django.utils import timezone

    from documents.domain.deadlines import Term, apply_term
    from documents.services.calendar import calendar_for
    from documents.services.sweep import control_sweep

    results = {"cards": CARDS, "crossing": CROSSING}
    print(f"Execution control benchmark: {CARDS:,} open cards, PostgreSQL", flush=True)
    now = timezone.now().replace(microsecond=0)
    _timed("seed the cards (set-based)", results, _seed, now)

    _timed("baseline sweep (nothing due yet)", results, control_sweep, now=now)
    quiet = _timed("quiet sweep, 5 minutes later", results, control_sweep, now=now + timedelta(minutes=5))
    assert quiet.notices == 0

    # CROSSING cards become overdue inside the next window (their due moved by an admin, say)
    crossing_at = now + timedelta(minutes=10)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_controlcard SET due = %s::timestamptz - interval '1 minute' WHERE id IN "
            "(SELECT id FROM documents_controlcard ORDER BY id LIMIT %s)", [crossing_at, CROSSING])
    crossed = _timed(f"sweep where {CROSSING:,} cards cross a threshold", results, control_sweep, now=crossing_at)
    assert crossed.notices >= CROSSING, crossed.notices
    quiet_again = _timed("quiet sweep after that", results, control_sweep, now=crossing_at + timedelta(minutes=5))
    assert quiet_again.notices == 0

    # the first sweep where every card is overdue (a fresh ledger: no sweep has run before)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE documents_controlnotice, documents_controlsweep, core_notification, core_outboundemail")
        cursor.execute("UPDATE documents_controlcard SET due = %s::timestamptz - interval '1 day' + (id %% 600) * interval '1 second'",
                       [now])
        cursor.execute("ANALYZE documents_controlcard")
    all_overdue = _timed(f"first sweep with all {CARDS:,} overdue", results, control_sweep, now=now)
    results["all_overdue_notices"] = all_overdue.notices

    calendar = calendar_for("AZ")
    tz = timezone.get_current_timezone()
    starts = [now + timedelta(minutes=n) for n in range(1_000_000)]  # about two years of starts
    term = Term(15, "working_days")

    def due_dates():
        add = calendar.add_working_days
        return [add(start.date(), 15) for start in starts]

    _timed("compute 1,000,000 due dates (15 working days)", results, due_dates)
    _timed("compute 10,000 due dates with explanation", results,
           lambda: [apply_term(calendar, start, term, tz) for start in starts[:10_000]])

    from django.core.management import call_command

    regulations = sorted(str(p) for p in (ROOT / "units" / "regulations").glob("*.txt"))
    _timed("import the shared regulation texts", results, call_command, "import_regulations", *regulations,
           stdout=open(os.devnull, "w"))

    from units.importer.parse import MAX_TEXT_BYTES, parse_text

    texts = [Path(p).read_text(encoding="utf-8") for p in regulations]
    bundle = _one_megabyte(texts)
    _timed("parse 1 MB of regulation text (preview and import)", results, parse_text, bundle)
    hostile = _one_megabyte(["ƏSASNAMƏ\n", "\n\n\n", "Sektor 1 sektoru\n", "3." + "1." * 5 + " mətn\n"])
    _timed("parse 1 MB of hostile lines (titles, blanks, deep numbers)", results, parse_text, hostile)
    results["regulation_text_cap_bytes"] = MAX_TEXT_BYTES

    quiet_s, crossing_s = results["quiet sweep, 5 minutes later"]["seconds"], results[f"sweep where {CROSSING:,} cards cross a threshold"]["seconds"]
    results["ratio_crossing_to_quiet"] = round(crossing_s / quiet_s, 1) if quiet_s else None
    results["targets"] = {
        "quiet sweep < 0.5 s": quiet_s < 0.5,
        "all overdue < 60 s": results[f"first sweep with all {CARDS:,} overdue"]["seconds"] < 60,
        "1,000,000 due dates < 3 s": results["compute 1,000,000 due dates (15 working days)"]["seconds"] < 3,
        "sweep queries independent of cards": results["quiet sweep, 5 minutes later"]["queries"] <= results[f"sweep where {CROSSING:,} cards cross a threshold"]["queries"] == results[f"first sweep with all {CARDS:,} overdue"]["queries"],
        "import of shared texts < 2 s": results["import the shared regulation texts"]["seconds"] < 2,
        "parse 1 MB of regulation text < 1 s": results["parse 1 MB of regulation text (preview and import)"]["seconds"] < 1,
        # our own guard against quadratic parsing (the target is the regulation text above)
        "parse 1 MB of hostile lines < 3 s": results["parse 1 MB of hostile lines (titles, blanks, deep numbers)"]["seconds"] < 3,
    }
    from documents import bench_registry

    results["targets"].update(bench_registry.run(results))
    print(f"  ratio of the {CROSSING:,}-card sweep to the quiet sweep: {results['ratio_crossing_to_quiet']}")
    for target, met in results["targets"].items():
        print(f"  {'met' if met else 'MISSED':<7}{target}")
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"Results: {out / 'results.json'}")


if __name__ == "__main__":
    main()
