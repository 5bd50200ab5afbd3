"""Nomenclature and archive: case files close at the year's end, closed files go to the archive with a
transfer list, and files whose retention has expired are destroyed only through a disposal act a head
approves, never while a legal hold is set."""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import CaseFile, DisposalAct
from documents.services.calendar import calendar_for
from units.selectors import user_is_registry_for, user_manages_unit


def case_files_close_past_years(*, today=None):
    """Close every open case file of a past year, on a working day (so on the first working day of the new
    year when the beat task runs daily). Set-based; returns how many were closed."""
    today = today or timezone.localdate()
    if not calendar_for("AZ", around=today).is_working_day(today):
        return 0
    return CaseFile.objects.filter(year__lt=today.year, closed_at__isnull=True).update(closed_at=timezone.now())


def archive_transfer_list(*, unit, year):
    """The closed case files of a unit (and the units below it) for a year, with their document counts:
    what the unit hands to the archive."""
    return (CaseFile.objects.filter(unit__path__startswith=unit.path, year=year, closed_at__isnull=False, disposed_at__isnull=True)
            .select_related("unit").annotate(documents_count=Count("documents")).order_by("index"))


def archive_transfer_sheets(*, rows):
    """The transfer list as one spreadsheet sheet."""
    return [(_("Transfer list"), [_("Index"), _("Title"), _("Unit"), _("Year"), _("Documents"), _("Retention (years)"), _("Legal basis")],
             [[r.index, r.title, r.unit.display_name, r.year, r.documents_count,
               r.retention_years if r.retention_years is not None else _("permanent"), r.legal_basis] for r in rows])]


def _disposal_problems(case_files, today):
    """{case file: why it cannot be destroyed} for the files that cannot."""
    problems = {}
    for case_file in case_files:
        if case_file.legal_hold:
            problems[case_file] = _("%(file)s is under a legal hold: %(reason)s") % {
                "file": case_file.index, "reason": case_file.legal_hold_reason or _("no reason given")}
        elif case_file.retention_years is None:
            problems[case_file] = _("%(file)s is kept permanently.") % {"file": case_file.index}
        elif not case_file.is_expired(today):
            problems[case_file] = _("%(file)s must be kept until the end of %(year)d.") % {
                "file": case_file.index, "year": case_file.retention_ends()}
        elif case_file.closed_at is None or case_file.disposed_at is not None:
            problems[case_file] = _("%(file)s is not a closed file in the archive.") % {"file": case_file.index}
    return problems


def _refuse(problems):
    messages = list(problems.values())
    raise ApplicationError(" ".join(messages), code="disposal_refused", fields={"case_files": messages})


def disposal_act_create(*, actor, unit, case_files):
    if not (user_is_registry_for(user=actor, unit=unit) or user_manages_unit(user=actor, unit=unit)):
        raise PermissionDeniedError(_("Only the registry or a head of the unit draws up a disposal act."))
    case_files = list(case_files)
    if not case_files:
        message = _("Choose the case files to destroy.")
        raise ApplicationError(message, fields={"case_files": [message]})
    if any(not f.unit.path.startswith(unit.path) for f in case_files):
        message = _("Every case file must belong to the unit.")
        raise ApplicationError(message, fields={"case_files": [message]})
    if problems := _disposal_problems(case_files, timezone.localdate()):
        _refuse(problems)
    with transaction.atomic():
        act = DisposalAct(organisation_id=unit.organisation_id, unit=unit, created_by=actor)
        act._history_user = actor
        act.save()
        act.case_files.set(case_files)
    return act


def disposal_act_approve(*, actor, act):
    """A head approves the act; the files are marked destroyed. Holds and retention are checked again: a
    hold set after the act was drawn up stops it."""
    if not user_manages_unit(user=actor, unit=act.unit):
        raise PermissionDeniedError(_("Only a head of the unit approves a disposal act."))
    with transaction.atomic():
        act = DisposalAct.objects.select_for_update().get(pk=act.pk)
        if act.state != DisposalAct.State.DRAFT:
            raise ApplicationError(_("This act is approved already."), code="already_approved")
        case_files = list(act.case_files.select_for_update())
        if problems := _disposal_problems(case_files, timezone.localdate()):
            _refuse(problems)
        now = timezone.now()
        CaseFile.objects.filter(pk__in=[f.pk for f in case_files]).update(disposed_at=now)
        act.state, act.approved_by, act.approved_at = DisposalAct.State.APPROVED, actor, now
        act._history_user = actor
        act.save(update_fields=["state", "approved_by", "approved_at"])
    return act
