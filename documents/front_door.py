"""What the public home page offers from execution control."""

from django.utils.translation import gettext_lazy as _

from core.front_door import PublicService


def public_services():
    return [PublicService(70, _("Deadline calculator"),
                          _("When must the ministry answer? Count it yourself: weekends and holidays are skipped as the law says."),
                          "documents:calculator")]
