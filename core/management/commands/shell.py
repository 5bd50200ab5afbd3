"""`manage.py shell` with every model imported, the histories of the documents app's included: simple_history names
the module of a history model defined in a models package after the app ("documents"), where Django's shell cannot
import it (it warned about sixteen of them at every start); such a model is imported from the module it lives in."""

from django.core.management.commands import shell


class Command(shell.Command):
    def get_auto_imports(self):
        from django.apps import apps

        return [f"{_home(model)}.{model.__name__}" for model in reversed(apps.get_models()) if model.__module__]


def _home(model):
    """The module that holds the model: a history model's is its tracked model's (simple_history puts it there)."""
    tracked = getattr(model, "instance_type", None)
    return tracked.__module__ if tracked is not None and model.__module__ != tracked.__module__ else model.__module__
