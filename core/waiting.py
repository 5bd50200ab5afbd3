"""What is waiting for a person: the counts on the staff home ("3 cards overdue", "2 visas to give"). Core knows
no ministry concepts, so each app registers a function that names what waits for a user in its part of the
portal, for one of the menu's audiences (staff, journalist, …); the home page asks those of the person's audiences,
a few count queries each."""

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


def waiting_register(provider, audience="staff"):
    """`provider(user)` returns Waiting items (zero counts are left out by the page); it is asked only for people
    of `audience`."""
    _PROVIDERS.append((audience, provider))


def waiting_for(user, audiences=("staff",)):
    items = [item for audience, provider in _PROVIDERS if audience in audiences for item in provider(user) if item.count]
    return sorted(items, key=lambda item: not item.urgent)
