"""What the public home page offers from the organisation's structure."""

from django.utils.translation import gettext_lazy as _

from core.front_door import PublicService


def public_services():
    return [PublicService(60, _("Structure and duties"),
                          _("Every department and sector, with the duties and rights its regulation gives it."), "units:tree")]
