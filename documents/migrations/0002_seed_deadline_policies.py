"""Seed the deadline policy table from documents/fixtures/deadline_policies.json (domain.md §3.2)."""

import json
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "deadline_policies.json"


def seed(apps, schema_editor):
    policy = apps.get_model("documents", "DeadlinePolicy")
    for row in json.loads(SEED.read_text(encoding="utf-8")):
        policy.objects.update_or_create(code=row["code"], organisation=None, defaults=row)


def unseed(apps, schema_editor):
    codes = [row["code"] for row in json.loads(SEED.read_text(encoding="utf-8"))]
    apps.get_model("documents", "DeadlinePolicy").objects.filter(code__in=codes, organisation=None).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
