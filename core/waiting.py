"""What is waiting for a person: the counts on the staff home ("3 cards overdue", "2 visas to give"). Core knows
no ministry concepts, so each app registers a function that names what waits for a user in its part of the
portal (as the menu's audiences are registered); the home page asks them all, a few count queries each."""

from dataclasses import dataclass

from django.utils.translation import ngettext

_PROVIDERS = []


@dataclass(frozen=True)
class Waiting:
    message: tuple  # ngettext_noop("card is overdue", "cards are overdue"): says what the count is of
    count: int
    url: str
    urgent: bool = False  # late already: shown first and in red

    @property
    def label(self):
        return ngettext(*self.message, self.count)


def waiting_register(provider):
    """`provider(user)` returns Waiting items (zero counts are left out by the page)."""
    _PROVIDERS.append(provider)


def waiting_for(user):
    items = [item for provider in _PROVIDERS for item in provider(user) if item.count]
    return sorted(items, key=lambda item: not item.urgent)
