"""`make bench`, citizens' cases (after documents.bench, in the same portal_bench database): at BENCH_APPEALS
cases on PostgreSQL,
- public submission throughput and p99 under load from this process against gunicorn on loopback, as a ratio to a
  bare DRF create endpoint measured in the same run (target ≥ 0.5), with /healthz as the ceiling. The server is
  production-shaped (workers keep their database connections; BENCH_CONN_MAX_AGE=0 opens one per request) and is
  warmed up first (each worker builds its routing index on its first submission); every submitter is a different
  citizen (their own e-mail and phone), as on a real day;
- the staff list API (filtered, 50 a page) p50 at BENCH_APPEALS vs 10,000 (target within 1.5×), constant queries;
  the same for a search by a piece of the number or subject (a trigram index serves it on PostgreSQL).
Writes var/bench/appeals.json."""

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

APPEALS = int(os.environ.get("BENCH_APPEALS", "1000000"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "15"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "6"))
WARM_UP_SECONDS = float(os.environ.get("BENCH_WARM_UP_SECONDS", "5"))
ROOT = Path(__file__).resolve().parent.parent
GENEROUS = {"RATE_LIMIT_APPEAL_SUBMIT": "100000000/hour", "API_ANON_RATE": "100000000/minute", "API_USER_RATE": "100000000/minute"}


def _insert_cases(cursor, *, organisation, unit, journal, first, count, now):
    """Set-based: cases spread over ten years, every state, a tenth still unrouted."""
    cursor.execute(
        """
        INSERT INTO appeals_case (organisation_id, case_type, kind, channel, received_at, journal_id, year, sequence, number,
            subject, text, answer_form, urgency, urgency_explanation, name, email, phone, address, is_collective, signatories,
            suggested_clauses, unit_id, state, tracking_token, answer_text, outcome, outcome_reason, refusal_ground,
            not_considered_ground, publish_consent, contested_count, language, created_at)
        SELECT %s, CASE WHEN g %% 5 = 0 THEN 'information_request' ELSE 'appeal' END,
               CASE WHEN g %% 5 = 0 THEN '' ELSE (ARRAY['application', 'complaint', 'suggestion'])[1 + g %% 3] END,
               (ARRAY['online', 'post', 'email', 'phone', 'reception'])[1 + g %% 5],
               %s::timestamptz - (g %% 3650) * interval '1 day' - (g %% 86400) * interval '1 second', %s, 2026, g, 'B-' || g,
               'Bench case ' || g, 'Text of case ' || g, 'email', 'none', '', 'Citizen ' || (g %% 100000),
               'c' || (g %% 100000) || '@bench.example', '', '', false, 1, '',
               CASE WHEN g %% 10 = 0 THEN NULL ELSE %s END,
               CASE WHEN g %% 10 = 0 THEN 'registered' ELSE
                   (ARRAY['routed', 'in_progress', 'waiting_citizen', 'answered', 'answered', 'answered', 'forwarded',
                          'not_considered', 'answered'])[1 + g %% 9] END,
               md5('bench' || g) || md5('token' || g), '', '', '', '', '', false, 0, 'az', %s::timestamptz
        FROM generate_series(%s, %s) AS g
        """,
        [organisation.pk, now, journal.pk, unit.pk, now, first, first + count - 1],
    )
    cursor.execute("ANALYZE appeals_case")


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load(port, method, path, body_for, seconds):
    """CLIENTS keep-alive connections sending requests for `seconds`: (requests per second, p99 seconds, errors)."""
    latencies, errors, stop = [], [], time.perf_counter() + seconds
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            body = body_for()
            headers = {"Content-Type": "application/json", "Host": "localhost"}
            started = time.perf_counter()
            try:
                connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors.append(response.status)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(type(exc).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else None
    return len(latencies) / elapsed, p99, errors


def _serve(port):
    env = {**os.environ, **GENEROUS, "DJANGO_SETTINGS_MODULE": "config.settings.bench", "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                                "--workers", "3", "--worker-class", "gthread", "--threads", "2", "--log-level", "warning"],
                               cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise RuntimeError("gunicorn did not start")


def run(results):
    from django.db import connection
    from django.utils import timezone
    from rest_framework.test import APIClient

    from appeals.models import Case
    from appeals.selectors import public_organisation
    from core.models import User
    from documents.bench_registry import list_p50
    from documents.models import Journal
    from units.models import PositionKind, Unit

    print(f"Citizens' cases benchmark: {APPEALS:,} cases, PostgreSQL", flush=True)
    organisation = public_organisation()
    unit = Unit.objects.filter(path__startswith=organisation.path).exclude(pk=organisation.pk).order_by("path").first()
    clerk = User.objects.create(username="bench_appeals_clerk", email="appeals-clerk@bench.example")
    from units.services import membership_assign

    membership_assign(user=clerk, unit=organisation, kind=PositionKind.CLERK)
    journal = Journal.objects.create(organisation=organisation, code="bench-appeals", name="Bench", direction="incoming",
                                     number_format="B-{seq}")
    now = timezone.now()
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(clerk)
    url, params = "/api/v1/appeals/cases/", {"type": "appeal", "state": "in_progress", "limit": 50}
    # a clerk looking a case up by a piece of its number or subject, as a caller reads it out: a few hundred rows
    # of all of them (a word in every subject, like the seed's "case", costs more: each of its trigrams is everywhere)
    search = {"text": "4321", "limit": 50}

    small = min(10_000, APPEALS)
    with connection.cursor() as cursor:
        _insert_cases(cursor, organisation=organisation, unit=unit, journal=journal, first=1, count=small, now=now)
    p50_small, queries_small = list_p50(client, url, params)
    search_small, _queries = list_p50(client, url, search)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        _insert_cases(cursor, organisation=organisation, unit=unit, journal=journal, first=small + 1, count=APPEALS - small, now=now)
    results["seed cases (set-based)"] = {"seconds": round(time.perf_counter() - started, 2), "cases": Case.objects.count()}
    p50_large, queries_large = list_p50(client, url, params)
    search_large, _queries = list_p50(client, url, search)
    ratio = p50_large / p50_small if p50_small else None
    results["case list p50 at 10,000"] = {"seconds": round(p50_small, 4), "queries": sorted(queries_small)}
    results[f"case list p50 at {APPEALS:,}"] = {"seconds": round(p50_large, 4), "queries": sorted(queries_large)}
    print(f"  staff case list p50: {p50_small * 1000:.1f} ms at {small:,}, {p50_large * 1000:.1f} ms at {APPEALS:,} "
          f"(ratio {ratio:.2f}); queries {sorted(queries_small)} vs {sorted(queries_large)}", flush=True)

    search_ratio = search_large / search_small if search_small else None
    results["case search p50 at 10,000"] = {"seconds": round(search_small, 4)}
    results[f"case search p50 at {APPEALS:,}"] = {"seconds": round(search_large, 4)}
    print(f"  staff case search p50: {search_small * 1000:.1f} ms at {small:,}, {search_large * 1000:.1f} ms at {APPEALS:,} "
          f"(ratio {search_ratio:.2f})", flush=True)

    case = Case.objects.order_by("pk").first()
    port = _free_port()
    server = _serve(port)
    try:
        appeal = {"kind": "complaint", "subject": "Pension not paid", "text": "My pension for October was not paid.",
                  "name": "Bench Citizen"}
        def submission():
            return {**appeal, "email": f"{secrets.token_hex(4)}@bench.example", "phone": f"+994 50 {secrets.randbelow(10 ** 7):07d}"}

        _load(port, "POST", "/api/v1/public/appeals/", submission, WARM_UP_SECONDS)
        measured = {
            "healthz": _load(port, "GET", "/healthz", lambda: None, LOAD_SECONDS / 3),
            "bare DRF create": _load(port, "POST", "/bench/bare-create/",
                                     lambda: {"case": case.pk, "direction": "notice", "text": "bench"}, LOAD_SECONDS),
            "public submission": _load(port, "POST", "/api/v1/public/appeals/", submission, LOAD_SECONDS),
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    for label, (rate, p99, errors) in measured.items():
        results[f"{label} under load"] = {"per_second": round(rate, 1), "p99_seconds": round(p99, 4) if p99 else None,
                                          "errors": len(errors)}
        print(f"  {label:<20} {rate:8.1f}/s  p99 {p99 * 1000 if p99 else 0:7.1f} ms  errors {len(errors)}", flush=True)
    submit_ratio = measured["public submission"][0] / measured["bare DRF create"][0]
    results["submission_to_bare_create_ratio"] = round(submit_ratio, 2)
    print(f"  public submission / bare DRF create: {submit_ratio:.2f}", flush=True)
    return {
        "public submission ≥ 0.5 × a bare DRF create": submit_ratio >= 0.5 and not measured["public submission"][2],
        "case list p50 ratio ≤ 1.5": ratio is not None and ratio <= 1.5,
        "case list query count constant": queries_small == queries_large,
        "case search p50 ratio ≤ 1.5": search_ratio is not None and search_ratio <= 1.5,
    }


def main():
    from documents.bench import bench_database, setup_django

    fresh = os.environ.get("BENCH_APPEALS_ALONE") == "1"
    if fresh:
        bench_database()
    else:
        os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/portal_bench"
    setup_django()
    if fresh:
        from django.core.management import call_command

        call_command("import_regulations", *sorted(str(p) for p in (ROOT / "units" / "regulations").glob("*.txt")),
                     stdout=open(os.devnull, "w"))
    results = {"appeals": APPEALS}
    results["targets"] = run(results)
    for target, met in results["targets"].items():
        print(f"  {'met' if met else 'MISSED':<7}{target}")
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "appeals.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"Results: {out / 'appeals.json'}")


if __name__ == "__main__":
    main()
