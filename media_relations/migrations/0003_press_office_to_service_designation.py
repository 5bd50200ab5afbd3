"""The press service designation moves down to `units` (ServiceDesignation, function "press"), where protocol finds
its own designation too; the rows are copied before the old table goes."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    PressOffice = apps.get_model("media_relations", "PressOffice")
    ServiceDesignation = apps.get_model("units", "ServiceDesignation")
    ServiceDesignation.objects.bulk_create([
        ServiceDesignation(organisation_id=office.organisation_id, function="press", unit_id=office.unit_id)
        for office in PressOffice.objects.all()], ignore_conflicts=True)


def copy_back(apps, schema_editor):
    PressOffice = apps.get_model("media_relations", "PressOffice")
    ServiceDesignation = apps.get_model("units", "ServiceDesignation")
    PressOffice.objects.bulk_create([
        PressOffice(organisation_id=row.organisation_id, unit_id=row.unit_id)
        for row in ServiceDesignation.objects.filter(function="press")], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("media_relations", "0002_seed_accreditation_policy"), ("units", "0004_service_designation")]

    operations = [
        migrations.RunPython(copy_forward, copy_back),
        migrations.DeleteModel(name="HistoricalPressOffice"),
        migrations.DeleteModel(name="PressOffice"),
    ]
