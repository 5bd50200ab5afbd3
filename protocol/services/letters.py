"""Letters a visit needs, written from templates in the language chosen: the visa-support letter (to the consular
service) and the diplomatic note (to the partner). Each becomes an outgoing draft of the organising unit, so it goes
through the one approval chain and is registered with its number when signed. Passport data never goes into the text
(the registry is read more widely than the delegation list); the organising unit hands the annex over itself."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.exceptions import fail
from documents.services.drafts import draft_save
from protocol.models import Visit, VisitLetter
from protocol.services.common import require_item_rights

TEMPLATES = {VisitLetter.Kind.VISA_SUPPORT: "protocol/letters/visa_support.txt",
             VisitLetter.Kind.DIPLOMATIC_NOTE: "protocol/letters/diplomatic_note.txt"}


def _addressee(kind, visit):
    if kind == VisitLetter.Kind.VISA_SUPPORT:
        return _("Consular Department, Ministry of Foreign Affairs of the Republic of Azerbaijan")
    return str(visit.partner.name)


def visit_letter_create(*, actor, visit, kind, language=None):
    """Write the letter from its template as a draft of the organising unit; the author then sends it for approval."""
    require_item_rights(user=actor, item=visit)
    if kind not in TEMPLATES:
        fail("kind", _("Choose the kind of letter."))
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        fail("language", _("Choose the language of the letter."))
    if kind == VisitLetter.Kind.VISA_SUPPORT and visit.direction != Visit.Direction.INCOMING:
        fail("kind", _("Visa support is asked for guests coming to us."))
    members = list(visit.members.all())
    if kind == VisitLetter.Kind.VISA_SUPPORT and not members:
        fail("kind", _("Add the delegation's members first."))
    with translation.override(language):
        subject = {VisitLetter.Kind.VISA_SUPPORT: _("Visa support for the delegation of %(partner)s"),
                   VisitLetter.Kind.DIPLOMATIC_NOTE: _("Visit of the delegation: %(title)s")}[kind] % {
            "partner": visit.partner.name, "title": visit.title}
        body = render_to_string(TEMPLATES[kind], {"visit": visit, "members": members,
                                                  "organisation": visit.organisation}).strip()
        addressee = _addressee(kind, visit)
    with transaction.atomic():
        draft = draft_save(actor=actor, unit=visit.organising_unit, addressee=addressee, subject=subject, body=body)
        letter = VisitLetter.objects.create(visit=visit, kind=kind, draft=draft, language=language, created_by=actor)
    return letter
