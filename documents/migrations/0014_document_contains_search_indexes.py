"""The registry's "contains" search (number, subject, correspondent, summary) is served by an index (PostgreSQL)."""

from django.db import migrations

from core.search_indexes import contains_indexes


class Migration(migrations.Migration):
    dependencies = [("documents", "0013_approval_route_withdrawn")]

    operations = contains_indexes("documents_document", ["number", "subject", "correspondent", "summary"])
