"""Clause search: pg_trgm and GIN indexes on PostgreSQL; nothing on SQLite (the fallback needs none)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS clause_search_trgm ON units_clause USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS clause_search_fts ON units_clause USING gin (to_tsvector('simple', search_text))",
]
DROP = ["DROP INDEX IF EXISTS clause_search_trgm", "DROP INDEX IF EXISTS clause_search_fts"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
