"""International agreements (regulation 2.1.5: registered, their obligations controlled, working groups proposed):
the register with its numbers, the obligations as controlled items of the responsible units, the working group, and
the alerts before expiry and before the renewal decision."""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, PermissionDeniedError, fail, fail_all
from core.i18n import deferred, ngettext_noop
from core.services.notifications import notification_send_many
from documents.models import Journal
from documents.services.attachments import attachment_add_many
from documents.services.control import control_close, control_open, policy_for, term_until
from documents.services.numbering import registration_number_next
from protocol.models import Agreement, AgreementAlert, Obligation, WorkingGroupMember
from protocol.services.common import (
    assign_values,
    check_unit_in,
    clean_or_fail,
    protocol_unit,
    require_protocol,
    runs_protocol,
    save_with_history,
    works_on,
)
from units.selectors import unit_heads

AGREEMENT_FIELDS = ("kind", "title", "signed_on", "signed_place", "in_force_on", "term_months", "renewal", "notice_days")
JOURNAL = ("intl-agreements", gettext_noop("International agreements"), "BS-{seq}/{yyyy}")


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def agreement_expiry(*, in_force_on, term_months):
    """The last day in force: the term counted from entry into force (a 12-month term from 1 March ends on 28 or 29
    February)."""
    return None if not term_months else add_months(in_force_on, term_months) - timedelta(days=1)


def _journal(organisation):
    code, name, number_format = JOURNAL
    journal, _created = Journal.objects.get_or_create(organisation=organisation, code=code,
                                                      defaults={"name": name, "direction": "internal", "number_format": number_format})
    return journal


def agreement_errors(*, values, partners):
    """{field: [message]}: the agreement's rules across fields, named at once; the agreement's form asks too."""
    errors = {}
    if not partners:
        errors["partners"] = [_("Name the other party.")]
    signed_on, in_force_on = values.get("signed_on"), values.get("in_force_on")
    if signed_on and in_force_on and in_force_on < signed_on:
        errors["in_force_on"] = [_("An agreement enters into force on or after the day it is signed.")]
    if signed_on and signed_on > timezone.localdate():
        errors["signed_on"] = [_("Register an agreement once it is signed.")]
    if values.get("term_months") == 0:
        errors["term_months"] = [_("Give the term in months, or leave it empty for an indefinite term.")]
    return errors


def agreement_save(*, actor, organisation, responsible_unit, partners, values, agreement=None):
    """Register an agreement (it takes the next number of the organisation's journal of agreements) or correct one."""
    require_protocol(user=actor, organisation_id=organisation.pk)
    check_unit_in(organisation, responsible_unit, "responsible_unit")
    creating = agreement is None
    agreement = agreement or Agreement(organisation=organisation, created_by=actor)
    agreement.responsible_unit = responsible_unit
    assign_values(agreement, values, AGREEMENT_FIELDS)
    fail_all(agreement_errors(values={field: getattr(agreement, field) for field in ("signed_on", "in_force_on", "term_months")},
                              partners=partners))
    clean_or_fail(agreement, exclude=["organisation", "responsible_unit", "created_by", "partners", "number", "expires_on"])
    agreement.expires_on = agreement_expiry(in_force_on=agreement.in_force_on, term_months=agreement.term_months)
    with transaction.atomic():
        if creating:
            _year, _seq, agreement.number = registration_number_next(journal=_journal(organisation), on=agreement.signed_on)
        elif agreement.obligations.filter(state=Obligation.State.OPEN, due_on__gt=agreement.expires_on or date.max).exists():
            fail("term_months", _("An open obligation falls due after that expiry; change it first."))
        save_with_history(agreement, actor, gettext_noop("Registered as %(number)s") if creating else gettext_noop("Edited"),
                          number=agreement.number)
        agreement.partners.set(partners)
    return agreement


def agreement_renew(*, actor, agreement, months):
    """The parties renewed it: the term grows by `months` from the present expiry (the expiry alert comes again before
    the new date)."""
    require_protocol(user=actor, organisation_id=agreement.organisation_id)
    if not months or not 1 <= months <= 240:
        fail("months", _("Give the renewal in months (1 to 240)."))
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.expires_on is None:
            fail("months", _("An agreement for an indefinite term is not renewed."))
        if agreement.terminated_on:
            fail("months", _("A terminated agreement is not renewed."))
        agreement.term_months += months
        agreement.expires_on = agreement_expiry(in_force_on=agreement.in_force_on, term_months=agreement.term_months)
        save_with_history(agreement, actor, gettext_noop("Renewed until %(day)s"), ["term_months", "expires_on", "updated_at"],
                          day=agreement.expires_on.strftime("%d.%m.%Y"))
    return agreement


def agreement_terminate(*, actor, agreement, on, reason):
    """Ended before its term (a party's notice, or by agreement); its open obligations are cancelled with it."""
    require_protocol(user=actor, organisation_id=agreement.organisation_id)
    reason = (reason or "").strip()
    if not reason:
        fail("reason", _("Say why the agreement ends."))
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.terminated_on:
            fail("on", _("The agreement is already terminated."))
        if on is None or on < agreement.in_force_on or (agreement.expires_on and on > agreement.expires_on):
            fail("on", _("The day falls within the agreement's term."))
        agreement.terminated_on = on
        save_with_history(agreement, actor, gettext_noop("Terminated: %(reason)s"), ["terminated_on", "updated_at"],
                          reason=reason[:200])
        for obligation in agreement.obligations.filter(state=Obligation.State.OPEN):
            obligation_close(actor=actor, obligation=obligation, report=reason, cancelled=True)
    return agreement


def _require_agreement_rights(actor, agreement):
    if not (runs_protocol(user=actor, organisation_id=agreement.organisation_id) or works_on(user=actor, unit=agreement.responsible_unit)):
        raise PermissionDeniedError(_("Only the protocol service or the responsible unit does this."))


def _obligation_start(agreement):
    return min(timezone.now(), timezone.make_aware(timezone.datetime.combine(agreement.in_force_on, timezone.datetime.min.time())))


def obligation_errors(*, agreement, text, due_on):
    """{field: [message]}: an obligation's rules, named at once; its form asks too."""
    errors = {}
    if not (text or "").strip():
        errors["text"] = [_("This field is required.")]
    if due_on is None:
        errors["due_on"] = [_("This field is required.")]
    elif agreement.expires_on and due_on > agreement.expires_on:
        errors["due_on"] = [_("The deadline is within the agreement's term (it expires on %(day)s).") % {
            "day": agreement.expires_on.strftime("%d.%m.%Y")}]
    elif due_on <= timezone.localtime(_obligation_start(agreement)).date():
        errors["due_on"] = [_("The deadline is after the agreement enters into force.")]
    return errors


def obligation_add(*, actor, agreement, text, responsible_unit, due_on):
    """An obligation the agreement creates: a controlled item of the responsible unit, due on its date (which is
    within the agreement's term). Its term runs from entry into force, so one entered late shows as late."""
    _require_agreement_rights(actor, agreement)
    fail_all(obligation_errors(agreement=agreement, text=text, due_on=due_on))
    check_unit_in(agreement.organisation, responsible_unit, "responsible_unit")
    start = _obligation_start(agreement)
    with transaction.atomic():
        obligation = Obligation(agreement=agreement, text=text.strip(), responsible_unit=responsible_unit, due_on=due_on)
        save_with_history(obligation, actor, gettext_noop("Put under control"))
        control_open(item=obligation, policy=policy_for(code="protocol.obligation", organisation=agreement.organisation),
                     start=start, term=term_until(start=start, due_date=due_on), responsible_unit=responsible_unit, actor=actor,
                     title=_("%(number)s: %(text)s") % {"number": agreement.number, "text": obligation.text[:300]})
    return obligation


def obligation_close(*, actor, obligation, report, cancelled=False):
    """Fulfilled (with what was done) or cancelled (with why); its control card closes with it."""
    _require_agreement_rights(actor, obligation.agreement)
    report = (report or "").strip()
    if not report:
        fail("report", _("Write what was done.") if not cancelled else _("Say why it is cancelled."))
    with transaction.atomic():
        obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if obligation.state != Obligation.State.OPEN:
            raise ApplicationError(_("This obligation is already closed."), code="closed")
        obligation.state = Obligation.State.CANCELLED if cancelled else Obligation.State.FULFILLED
        obligation.report = report
        save_with_history(obligation, actor, gettext_noop("Cancelled") if cancelled else gettext_noop("Fulfilled"),
                          ["state", "report", "updated_at"])
        card = obligation.card
        if card is not None and card.state in ("open", "paused"):
            control_close(card=card, actor=actor, result=report[:2000], cancelled=cancelled, system=True)
    return obligation


def working_group_add(*, actor, agreement, user=None, full_name="", organisation_name="", is_chair=False):
    _require_agreement_rights(actor, agreement)
    full_name = " ".join((full_name or "").split())
    if user is None and not full_name:
        fail("full_name", _("Choose one of our staff or write the partner's member's name."))
    member = WorkingGroupMember(agreement=agreement, user=user, full_name=full_name[:200],
                                organisation_name=(organisation_name or "").strip()[:200], is_chair=bool(is_chair))
    save_with_history(member, actor, gettext_noop("Added"))
    return member


# --- alerts ----------------------------------------------------------------------------------------------------


def agreements_alert(*, today=None):
    """Tell the responsible unit's heads and the protocol service once when an agreement is within
    PROTOCOL_EXPIRY_ALERT_DAYS of expiry, or of its renewal decision date. One ledger row per (agreement, kind, date),
    inserted set-based; one message per person per run naming how many. Returns the number of new alerts."""
    today = today or timezone.localdate()
    lead = timedelta(days=settings.PROTOCOL_EXPIRY_ALERT_DAYS)
    in_force = Agreement.objects.filter(terminated_on__isnull=True, expires_on__isnull=False, expires_on__gte=today)
    # the ledger is per date: a renewed agreement is alerted again before its new expiry
    expiring = list(in_force.filter(expires_on__lte=today + lead).exclude(Exists(AgreementAlert.objects.filter(
        agreement=OuterRef("pk"), kind=AgreementAlert.Kind.EXPIRY, on_date=OuterRef("expires_on")))).select_related("responsible_unit"))
    renewable = [a for a in in_force.exclude(renewal=Agreement.Renewal.NONE).select_related("responsible_unit")
                 if today <= a.decision_due_on <= today + lead]
    already = set(AgreementAlert.objects.filter(kind=AgreementAlert.Kind.RENEWAL, agreement__in=[a.pk for a in renewable])
                  .values_list("agreement_id", "on_date"))
    deciding = [a for a in renewable if (a.pk, a.decision_due_on) not in already]
    now = timezone.now()
    rows = [AgreementAlert(agreement=a, kind=AgreementAlert.Kind.EXPIRY, on_date=a.expires_on, sent_at=now) for a in expiring] + [
        AgreementAlert(agreement=a, kind=AgreementAlert.Kind.RENEWAL, on_date=a.decision_due_on, sent_at=now) for a in deciding]
    if not rows:
        return 0
    with transaction.atomic():
        AgreementAlert.objects.bulk_create(rows, ignore_conflicts=True)
        ours = set(AgreementAlert.objects.filter(sent_at=now).values_list("agreement_id", "kind"))
        alerted = [(row.agreement, row.kind) for row in rows if (row.agreement.pk, row.kind) in ours]
        _notify(alerted)
    return len(alerted)


def _notify(alerted):
    offices = {organisation_id: protocol_unit(organisation_id=organisation_id).pk
               for organisation_id in {agreement.organisation_id for agreement, _kind in alerted}}
    heads = unit_heads(unit_ids={agreement.responsible_unit_id for agreement, _kind in alerted} | set(offices.values()))
    per_person = {}
    for agreement, _kind in alerted:
        for unit_id in {agreement.responsible_unit_id, offices[agreement.organisation_id]}:
            for user in heads.get(unit_id, []):
                per_person.setdefault(user, set()).add(agreement.pk)
    notification_send_many(items=[
        (user, "protocol.agreement",
         deferred(ngettext_noop("%(count)d agreement expires or needs a renewal decision soon",
                  "%(count)d agreements expire or need a renewal decision soon"), count=len(ids)),
         deferred(gettext_noop("Open the register of agreements to see which expire or must be renewed.")),
         reverse("protocol:agreements"))
        for user, ids in per_person.items()])



def agreement_attach_scan(*, actor, agreement, uploads):
    """The signed text as scanned (checked by content, size and type like every upload)."""
    _require_agreement_rights(actor, agreement)
    if not uploads:
        fail("scan", _("Choose the file of the signed text."))
    with transaction.atomic():
        attached = attachment_add_many(item=agreement, uploads=uploads, actor=actor)
        save_with_history(agreement, actor, gettext_noop("Signed text attached"), ["updated_at"])
    return attached
