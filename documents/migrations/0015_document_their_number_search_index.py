"""The registry's search finds a letter by the number its sender gave it, served by an index (PostgreSQL)."""

from django.db import migrations

from core.search_indexes import contains_indexes


class Migration(migrations.Migration):
    dependencies = [("documents", "0014_document_contains_search_indexes")]

    operations = contains_indexes("documents_document", ["correspondent_number"])
