"""The registry: registering incoming, outgoing and internal documents."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.bounds import in_date_window
from core.exceptions import PermissionDeniedError, fail_all
from core.history import history_reason
from core.idempotency import idempotent_create
from documents.models import DEFAULT_NUMBER_FORMATS, Direction, Document, Journal
from documents.services.attachments import attachment_add_many, attachments_check_all
from documents.services.numbering import registration_number_next
from units.selectors import user_is_registry_for, user_manages_unit


def journal_for(*, organisation, direction):
    """The organisation's journal for a direction (made on first use, with the default number format)."""
    journal, _created = Journal.objects.get_or_create(
        organisation=organisation, code=direction,
        defaults={"name": str(Direction(direction).label).capitalize(), "direction": direction,
                  "number_format": DEFAULT_NUMBER_FORMATS[direction]},
    )
    return journal


def user_may_register_for(*, user, unit):
    """The registry (a clerk at the unit or above, e.g. the ministry's registry for the whole organisation)
    registers every kind of document; a head, deputy or acting head registers for their own units."""
    return user_is_registry_for(user=user, unit=unit) or user_manages_unit(user=user, unit=unit)



def registration_errors(*, unit, direction, subject, correspondent, correspondent_date, case_file, in_reply_to=None,
                        supersedes=None):
    """{field: [message]}: every rule a registration breaks, named at once (a clerk fixes them in one go). The register
    form asks too, with whatever fields it could read (`unit` may be None), so its first answer names them all."""
    errors = {}
    if direction not in Direction.values:
        errors["direction"] = [_("Choose incoming, outgoing or internal.")]
    if not (subject or "").strip():
        errors["subject"] = [_("Give the document's subject.")]
    if direction in (Direction.INCOMING, Direction.OUTGOING) and not (correspondent or "").strip():
        errors["correspondent"] = [_("Name the sender of an incoming document, or the addressee of an outgoing one.")]
    if correspondent_date is not None and (not in_date_window(correspondent_date) or correspondent_date > timezone.localdate()):
        errors["correspondent_date"] = [_("Their date cannot be in the future.")]
    if case_file is not None and (case_file.closed_at is not None or case_file.year != timezone.localdate().year):
        errors["case_file"] = [_("The case file %(index)s is closed; choose one of this year.") % {"index": case_file.index}]
    if unit is not None:
        organisation_id = unit.organisation_id
        if case_file is not None and case_file.organisation_id != organisation_id:
            errors["case_file"] = [_("The case file belongs to another organisation.")]
        for field, other in (("in_reply_to", in_reply_to), ("supersedes", supersedes)):
            if other is not None and other.organisation_id != organisation_id:
                errors[field] = [_("The related document belongs to another organisation.")]
    return errors


def document_register(*, actor, unit, direction, subject, correspondent="", correspondent_number="", correspondent_date=None,
                      summary="", access_level="internal", pages=1, case_file=None, in_reply_to=None, supersedes=None,
                      attachments=(), idempotency_key=None):
    """Register a document: it gets the next number of its organisation's journal for the direction, built
    from the case file's index. Attachments are checked before anything is saved. The same
    `idempotency_key` from the same user returns the document it registered the first time.
    Returns (document, created)."""
    if not user_may_register_for(user=actor, unit=unit):
        raise PermissionDeniedError(_("Only the registry or a head of the unit may register its documents."))
    fail_all(registration_errors(unit=unit, direction=direction, subject=subject, correspondent=correspondent,
                                 correspondent_date=correspondent_date, case_file=case_file, in_reply_to=in_reply_to,
                                 supersedes=supersedes))
    attachments = list(attachments)
    attachments_check_all(attachments)  # before a number is taken or a file stored

    def create():
        with transaction.atomic():
            organisation = unit.organisation
            journal = journal_for(organisation=organisation, direction=direction)
            year, sequence, number = registration_number_next(journal=journal, case_index=case_file.index if case_file else "")
            document = Document(
                organisation=organisation, unit=unit, journal=journal, direction=direction, year=year, sequence=sequence,
                number=number, registered_by=actor, case_file=case_file, correspondent=correspondent.strip(),
                correspondent_number=correspondent_number.strip(), correspondent_date=correspondent_date,
                subject=subject.strip(), summary=summary.strip(), access_level=access_level, pages=pages,
                in_reply_to=in_reply_to, supersedes=supersedes,
            )
            document._history_user = actor
            document._change_reason = history_reason(gettext_noop("Registered as %(number)s"), number=number)
            document.full_clean(exclude=["journal", "organisation", "unit", "registered_by"])
            document.save()
            if attachments:
                attachment_add_many(item=document, uploads=attachments, actor=actor)
            return document

    return idempotent_create(user=actor, scope="document_register", key=idempotency_key, create=create)
