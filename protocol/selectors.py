"""Every read of the protocol registers that is more than a line: lists with their filters, one object for a user
(404 for "missing" and "not yours" alike), the programme with its clashes, and who sees passport data."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.selectors import mark_openable
from documents.models import ControlCard
from protocol.models import Agreement, DelegationMember, Meeting, Obligation, Partner, ProgrammeItem, Visit
from protocol.querysets import member_paths
from units.models import AgendaEntry
from units.selectors import user_manages_unit


def passport_visible(*, user, visit):
    """Passport data is for the unit that organises the visit (and the units below it), its department head and
    the leadership (a head above it), nobody else."""
    if user.is_superuser:
        return True
    unit = visit.organising_unit
    return any(path.startswith(unit.path) for path in member_paths(user)) or user_manages_unit(user=user, unit=unit)


# --- partners --------------------------------------------------------------------------------------------------


def partner_list(*, user, query="", kind=""):
    partners = Partner.objects.visible_to(user)
    if query:
        partners = partners.filter(Q(name__icontains=query) | Q(country__icontains=query))
    if kind:
        partners = partners.filter(kind=kind)
    return partners.annotate(visit_count=Count("visits", distinct=True)).order_by("name")


def access_partner(*, user, pk):
    return get_object_or_404(Partner.objects.visible_to(user), pk=pk)


def partner_card(*, user, partner):
    """The partner's history: the visits, meetings and agreements the user may see, newest first."""
    return {
        "visits": list(Visit.objects.visible_to(user).filter(partner=partner).select_related("partner", "organising_unit")),
        "meetings": list(Meeting.objects.visible_to(user).filter(partner=partner)),
        "agreements": list(Agreement.objects.visible_to(user).filter(partners=partner)),
    }


# --- visits ----------------------------------------------------------------------------------------------------


def visit_list(*, user, state="", direction="", year=None, partner=None):
    visits = Visit.objects.visible_to(user).select_related("partner", "organising_unit")
    if state:
        visits = visits.filter(state=state)
    if direction:
        visits = visits.filter(direction=direction)
    if year:
        visits = visits.filter(starts_on__year=year)
    if partner:
        visits = visits.filter(partner_id=partner)
    return visits.order_by("starts_on", "id")


def visit_calendar(*, user, around=None):
    """The visits of the three months from the month of `around`, grouped by month: [(first day, [visits])]."""
    around = around or timezone.localdate()
    first = around.replace(day=1)
    months = [first]
    for _n in range(2):
        months.append((months[-1] + timedelta(days=32)).replace(day=1))
    last = (months[-1] + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    visits = list(Visit.objects.visible_to(user).filter(starts_on__lte=last, ends_on__gte=first)
                  .select_related("partner", "organising_unit").order_by("starts_on", "id"))
    return [(month, [v for v in visits if v.starts_on <= _month_end(month) and v.ends_on >= month]) for month in months]


def _month_end(month):
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def access_visit(*, user, pk):
    visit = get_object_or_404(Visit.objects.visible_to(user).select_related("partner", "organising_unit", "organisation"), pk=pk)
    visit.passport_visible = passport_visible(user=user, visit=visit)
    return visit


def delegation_of(*, visit):
    """The delegation; the passport fields are not even read for someone who may not see them."""
    if getattr(visit, "passport_visible", False):
        return list(visit.members.all())
    members = list(visit.members.defer(*DelegationMember.PASSPORT_FIELDS))
    for member in members:  # set, so that reading one never loads it from the database
        member.__dict__.update(dict.fromkeys(DelegationMember.PASSPORT_FIELDS))
    return members


def programme_with_clashes(*, visit):
    """The programme, each item with its officials and the engagements of the same officials at the same time
    elsewhere (another item, a meeting, a press event). Three queries whatever the length."""
    items = list(visit.programme.prefetch_related("officials").select_related("responsible"))
    if not items:
        return items
    official_ids = {official.pk for item in items for official in item.officials.all()}
    item_type = ContentType.objects.get_for_model(ProgrammeItem)
    entries = list(AgendaEntry.objects.filter(official_id__in=official_ids, starts_at__lt=max(i.ends_at for i in items),
                                              ends_at__gt=min(i.starts_at for i in items)).select_related("official"))
    for item in items:
        ids = {official.pk for official in item.officials.all()}
        item.clashes = [entry for entry in entries if entry.official_id in ids and entry.starts_at < item.ends_at
                        and entry.ends_at > item.starts_at and not (entry.source_type_id == item_type.pk and entry.source_id == item.pk)]
    return items


def programme_days(items):
    """[(day, [items])] in order, for the printed programme."""
    days = {}
    for item in items:
        days.setdefault(timezone.localtime(item.starts_at).date(), []).append(item)
    return sorted(days.items())


# --- meetings --------------------------------------------------------------------------------------------------


def meeting_list(*, user, upcoming=None):
    meetings = Meeting.objects.visible_to(user).select_related("partner", "organising_unit")
    if upcoming is True:
        meetings = meetings.filter(ends_at__gte=timezone.now()).order_by("starts_at")
    elif upcoming is False:
        meetings = meetings.filter(ends_at__lt=timezone.now())
    return meetings


def access_meeting(*, user, pk):
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("partner", "organising_unit", "organisation")
                .prefetch_related("officials"), pk=pk)


def follow_ups_of(*, meeting, user):
    """The meeting's agreed actions, each card marked `openable` for the reader."""
    actions = list(meeting.actions.select_related("responsible_unit").prefetch_related("control_cards"))
    mark_openable([action.card for action in actions], ControlCard.objects.visible_to(user))
    return actions


# --- agreements ------------------------------------------------------------------------------------------------

AGREEMENT_STATUSES = ("in_force", "expiring", "expired", "not_yet")


def agreement_list(*, user, kind="", status="", partner=None, query="", today=None):
    today = today or timezone.localdate()
    agreements = Agreement.objects.visible_to(user).select_related("responsible_unit").prefetch_related(
        "partners", "working_group").annotate(
        open_obligations=Count("obligations", filter=Q(obligations__state=Obligation.State.OPEN), distinct=True),
        late_obligations=Count("obligations", filter=Q(obligations__state=Obligation.State.OPEN, obligations__due_on__lt=today),
                               distinct=True))
    if kind:
        agreements = agreements.filter(kind=kind)
    if partner:
        agreements = agreements.filter(partners=partner)
    if query:
        agreements = agreements.filter(Q(title__icontains=query) | Q(number__icontains=query))
    if status == "in_force":
        agreements = agreements.in_force_on(today)
    elif status == "expiring":
        agreements = agreements.in_force_on(today).filter(expires_on__lte=today + timedelta(days=90))
    elif status == "expired":
        agreements = agreements.filter(Q(expires_on__lt=today) | Q(terminated_on__lte=today))
    elif status == "not_yet":
        agreements = agreements.filter(in_force_on__gt=today)
    return agreements.order_by("-signed_on", "-id")


def agreement_status(agreement, today=None):
    today = today or timezone.localdate()
    if agreement.terminated_on and agreement.terminated_on <= today or agreement.expires_on and agreement.expires_on < today:
        return "expired"
    if agreement.in_force_on > today:
        return "not_yet"
    if agreement.expires_on and agreement.expires_on <= today + timedelta(days=90):
        return "expiring"
    return "in_force"


def access_agreement(*, user, pk):
    return get_object_or_404(Agreement.objects.visible_to(user).select_related("responsible_unit", "organisation")
                .prefetch_related("partners", "working_group"), pk=pk)


def obligations_of(*, agreement, user):
    """The agreement's obligations, each card marked `openable` for the reader."""
    cards = ControlCard.objects.select_related("responsible_unit")
    obligations = list(agreement.obligations.select_related("responsible_unit").prefetch_related(Prefetch("control_cards", queryset=cards)))
    mark_openable([obligation.card for obligation in obligations], ControlCard.objects.visible_to(user))
    return obligations


def access_obligation(*, user, pk):
    obligation = get_object_or_404(Obligation.objects.select_related("agreement", "responsible_unit"), pk=pk)
    if not Agreement.objects.visible_to(user).filter(pk=obligation.agreement_id).exists():
        raise Http404
    return obligation


def working_group_of(*, agreement):
    return list(agreement.working_group.select_related("user"))


def years_with_visits(*, user):
    return sorted({d.year for d in Visit.objects.visible_to(user).dates("starts_on", "year")} | {date.today().year}, reverse=True)


def visits_waiting(user):
    """The staff home's count for the protocol service: proposed visits waiting for the leadership's approval."""
    from core.i18n import ngettext_noop
    from core.waiting import Waiting

    proposed = Visit.objects.visible_to(user).filter(state=Visit.State.PROPOSED).count()
    return [Waiting(ngettext_noop("proposed visit waits for approval", "proposed visits wait for approval"), proposed, f"{reverse('protocol:visits')}?state=proposed")]


def visit_of_letter(*, user, draft_id):
    """The visit a letter (a note, visa support) was written for, for its approver and the registry's reader."""
    visit = Visit.objects.visible_to(user).filter(letters__draft_id=draft_id).only("pk", "title").first()
    if visit is None:
        return None
    return {"kind": _("Visit"), "label": visit.title, "url": reverse("protocol:visit", args=[visit.pk])}
