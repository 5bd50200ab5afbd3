"""The staff's search finds a case by its citizen's name, e-mail or phone, served by an index (PostgreSQL)."""

from django.db import migrations

from core.search_indexes import contains_indexes


class Migration(migrations.Migration):
    dependencies = [("appeals", "0005_case_contains_search_indexes")]

    operations = contains_indexes("appeals_case", ["name", "email", "phone"])
