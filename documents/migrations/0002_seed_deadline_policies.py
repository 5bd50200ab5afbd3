"""Seed the deadline policy table from documents/fixtures/deadline_policies.json (domain.md §3.2)."""

from django.db import migrations


def seed(apps, schema_editor):
    from documents.policies import deadline_policies_seed

    deadline_policies_seed(model=apps.get_model("documents", "DeadlinePolicy"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
