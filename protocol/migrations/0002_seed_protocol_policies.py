from django.db import migrations


def seed(apps, schema_editor):
    from documents.policies import deadline_policies_seed

    deadline_policies_seed(model=apps.get_model("documents", "DeadlinePolicy"))


class Migration(migrations.Migration):
    dependencies = [("protocol", "0001_initial"), ("documents", "0002_seed_deadline_policies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
