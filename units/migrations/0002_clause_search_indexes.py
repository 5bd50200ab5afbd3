"""Clause search: pg_trgm and GIN indexes on PostgreSQL; nothing on SQLite (the fallback needs none). Going back
drops the indexes and leaves pg_trgm, which other apps' search indexes use (core.search_indexes)."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
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
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
