"""The partner registry: any protocol service adds to it and keeps it current."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import PermissionDeniedError, fail
from protocol.models import Partner
from protocol.querysets import protocol_scope
from protocol.services.common import assign_values, clean_or_fail, save_with_history

PARTNER_FIELDS = ("name", "kind", "country", "contact_person", "email", "phone", "address", "website", "notes", "is_active")


def partner_save(*, actor, values, partner=None):
    if protocol_scope(actor) == []:
        raise PermissionDeniedError(_("Only a protocol service keeps the partner registry."))
    for field in ("name", "country"):
        if not (values.get(field) or "").strip() and (partner is None or field in values):
            fail(field, _("This field is required."))
    partner = partner or Partner()
    assign_values(partner, values, PARTNER_FIELDS)
    clean_or_fail(partner)
    try:
        with transaction.atomic():
            save_with_history(partner, actor, gettext_noop("Saved"))
    except IntegrityError:
        fail("name", _("This partner is already in the registry."), code="duplicate")
    return partner
