"""Substring search on the big registers ("number or subject contains"). Django's icontains is
UPPER(column::text) LIKE UPPER('%…%') on PostgreSQL, which no b-tree index serves: at a million rows a
search for a rare word read the whole table. A pg_trgm GIN index on that very expression serves it (for a
search of three characters or more). PostgreSQL only: SQLite (the demo's small database) scans."""

from django.db import migrations


def contains_index_name(table, column):
    return f"{table}_{column}_contains"[:63]


def contains_indexes(table, columns):
    """Migration operations: one trigram index per column, on the expression icontains filters by. Going back
    drops the indexes and leaves pg_trgm (other indexes use it)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for column in columns:
                schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{contains_index_name(table, column)}" ON "{table}" '
                                      f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for column in columns:
                schema_editor.execute(f'DROP INDEX IF EXISTS "{contains_index_name(table, column)}"')

    return [migrations.RunPython(create, drop, elidable=False)]
