"""The statutory terms of domain.md §3.2, kept as data in fixtures/deadline_policies.json."""

import json
from pathlib import Path

SEED = Path(__file__).resolve().parent / "fixtures" / "deadline_policies.json"


def deadline_policies_seed(*, model=None):
    """Create the default policies that do not exist yet; never overwrite an administrator's edits.
    `model` lets a data migration pass its historical model."""
    if model is None:
        from documents.models import DeadlinePolicy

        model = DeadlinePolicy
    existing = set(model.objects.filter(organisation__isnull=True).values_list("code", flat=True))
    rows = [row for row in json.loads(SEED.read_text(encoding="utf-8")) if row["code"] not in existing]
    model.objects.bulk_create([model(**row) for row in rows])
    return len(rows)
