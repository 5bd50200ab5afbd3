"""The public home page's services: large, plain actions, each with its short promise ("an answer within 15
working days"). Core knows no ministry concepts, so each app registers what it offers citizens (as the menu's
audiences and the staff home's counts are registered); the page shows them in their `order`."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

_PROVIDERS = []


@dataclass(frozen=True)
class PublicService:
    order: int
    title: str  # lazy translations
    promise: str
    url_name: str
    url_args: tuple = field(default_factory=tuple)

    @property
    def url(self):
        return reverse(self.url_name, args=self.url_args)


def public_service_register(provider):
    """`provider()` returns PublicService items; asked when the home page is drawn, so promises that come from
    data (a statutory term an administrator may change) are current."""
    _PROVIDERS.append(provider)


def public_services():
    services = []
    for provider in _PROVIDERS:
        for service in provider():
            try:
                service.url  # noqa: B018  (a page not installed is left out)
            except NoReverseMatch:
                continue
            services.append(service)
    return sorted(services, key=lambda service: service.order)
