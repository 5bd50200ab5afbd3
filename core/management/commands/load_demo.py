"""Loads the demo: every installed app of ours may have a `demo.py` with `load(stdout)`; they run in
INSTALLED_APPS order (lowest layer first), so the core never needs to know about the others."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core.demo import demo_past_notices_read


class Command(BaseCommand):
    help = "Load demo data (users per role, organisations from the regulation texts, sample cases)."

    def handle(self, *args, **options):
        # what the demo writes into histories and inboxes is in the portal's default language, as if a
        # clerk of the ministry had done it (management commands otherwise run untranslated)
        with translation.override(settings.LANGUAGE_CODE):
            self._load_all()
        demo_past_notices_read()

    def _load_all(self):
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
