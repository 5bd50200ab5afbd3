"""The month names dates are written with ("j E Y": "29 noyabr 2026", "29 ноября 2026").

Django's Azerbaijani catalogue capitalises them ("29 Noyabr 2026"); Azerbaijani writes month names in lowercase
inside a date, as the ministry's own letters do. The portal's catalogue is read before Django's, so its entries for
these messages win; they are listed here so that makemessages keeps them. Nothing imports this module."""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"), pgettext_lazy("alt. month", "February"), pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"), pgettext_lazy("alt. month", "May"), pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"), pgettext_lazy("alt. month", "August"), pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"), pgettext_lazy("alt. month", "November"), pgettext_lazy("alt. month", "December"),
)
