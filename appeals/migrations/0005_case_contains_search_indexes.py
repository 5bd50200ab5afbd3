"""The staff's "number or subject contains" filter of cases is served by an index (PostgreSQL)."""

from django.db import migrations

from core.search_indexes import contains_indexes


class Migration(migrations.Migration):
    dependencies = [("appeals", "0004_case_name_address_index")]

    operations = contains_indexes("appeals_case", ["number", "subject"])
