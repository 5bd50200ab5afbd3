"""Django's makemessages, also extracting `ngettext_noop("one", "many")` (core.i18n) as a plural message."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=ngettext_noop:1,2"]
