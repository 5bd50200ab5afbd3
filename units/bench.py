"""`make bench`, routing part: a suggestion for one organisation's appeal is as fast over 20,000 clauses in the
portal as over its own 300 (the routing index is kept per organisation). Not a test: it measures and reports.

Seeds one organisation with 300 routing clauses, measures the suggestion's p50 over a set of appeal texts, then
seeds 66 more organisations (20,000 clauses in all) and measures again. Writes var/bench/routing.json."""

import json
import os
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSES_PER_ORGANISATION = 300
ORGANISATIONS = 67  # 67 × 300 ≈ 20,000 clauses
UNITS_PER_ORGANISATION = 10


def _pool():
    """Sentences of real duties (the shared texts), cut into words to make clauses of the same vocabulary."""
    from units.importer.parse import parse_text

    words = []
    for path in sorted((ROOT / "units" / "regulations").glob("*.txt")):
        for parsed in parse_text(path.read_text(encoding="utf-8")):
            for clause in parsed.clauses:
                words.extend(clause.text.split())
    return words


def _seed_organisation(n, pool, rng):
    from simple_history.utils import bulk_create_with_history

    from units.importer.text import search_form
    from units.models import Clause, Regulation
    from units.services import unit_create

    organisation = unit_create(name=f"Bench ministry {n}", kind="ministry")
    units = [unit_create(name=f"Department {n}.{k}", kind="department", parent=organisation) for k in range(UNITS_PER_ORGANISATION)]
    clauses = []
    for k in range(CLAUSES_PER_ORGANISATION):
        unit = units[k % len(units)]
        regulation = Regulation.objects.get_or_create(unit=unit, language="az", is_model=False, model_unit_name="",
                                                      defaults={"title": f"Regulation of {unit.name}", "source_text": "-",
                                                                "source_hash": f"bench-{unit.pk}"})[0]
        text = " ".join(rng.choice(pool) for _word in range(14))
        clauses.append(Clause(regulation=regulation, unit=unit, number=f"3.1.{k + 1}", key=f"3.1.{k + 1}", sort_key=f"{k:05d}",
                              kind="duty", text=text, search_text=search_form(text)))
    bulk_create_with_history(clauses, Clause, batch_size=1000)
    return organisation


def _p50(organisation, texts):
    from units.selectors import unit_suggest_for_text

    unit_suggest_for_text(text=texts[0], organisation=organisation)  # builds the index once
    timings = []
    for text in texts:
        started = time.perf_counter()
        unit_suggest_for_text(text=text, organisation=organisation)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run(results):
    rng = random.Random(7)
    pool = _pool()
    texts = [" ".join(rng.choice(pool) for _word in range(40)) for _text in range(60)]
    first = _seed_organisation(0, pool, rng)
    small = _p50(first, texts)
    print(f"  routing p50 with {CLAUSES_PER_ORGANISATION:,} clauses{small * 1000:12.2f} ms", flush=True)
    for n in range(1, ORGANISATIONS):
        _seed_organisation(n, pool, rng)
    from units.models import Clause

    total = Clause.objects.filter(unit__name__startswith="Department ").count()
    large = _p50(first, texts)
    print(f"  routing p50 with {total:,} clauses in the portal{large * 1000:7.2f} ms", flush=True)
    results.update({"routing_p50_small_ms": round(small * 1000, 3), "routing_p50_large_ms": round(large * 1000, 3),
                    "routing_clauses_total": total})
    return {f"routing p50 at {total:,} clauses within 2× of {CLAUSES_PER_ORGANISATION}": large <= 2 * small}


def main():
    from documents.bench import bench_database, setup_django

    bench_database()
    setup_django()
    results = {}
    results["targets"] = run(results)
    for target, met in results["targets"].items():
        print(f"  {'met' if met else 'MISSED':<7}{target}")
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "routing.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"Results: {out / 'routing.json'}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    main()
