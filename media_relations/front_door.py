"""What the public home page offers from the press service."""

from django.utils.translation import gettext_lazy as _

from core.front_door import PublicService


def public_services():
    return [PublicService(50, _("Press and events"),
                          _("News and press releases, upcoming events; journalists apply for accreditation online."),
                          "media_relations:press")]
