"""What waits for a person in execution control, visas and work plans (the staff home's counts)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core.i18n import ngettext_noop
from core.waiting import Waiting
from documents.models import ControlCard, OutgoingDraft, WorkPlan
from documents.selectors.control import _day_bounds, reported_to_close, reports_to_decide
from documents.services.approval import approval_queue
from units.querysets import under_paths
from units.selectors import managed_unit_paths


def documents_waiting(user):
    paths = managed_unit_paths(user=user)
    return [*_control_waiting(user, paths), *_approval_waiting(user, paths)]


def _control_waiting(user, paths):
    now = timezone.now()
    _today, _week, end_soon = _day_bounds(now)
    mine = Q(executor=user) | Q(pk__in=ControlCard.co_executors.through.objects.filter(user=user).values("controlcard_id"))
    controlled = under_paths("responsible_unit__path", paths) & ~mine
    reports = reports_to_decide(user=user).count() if paths else 0
    reported = controlled & reported_to_close()
    counts = ControlCard.objects.filter(state=ControlCard.State.OPEN).aggregate(
        reported=Count("id", filter=reported),
        my_overdue=Count("id", filter=mine & Q(due__lt=now)),
        my_soon=Count("id", filter=mine & Q(due__gte=now, due__lte=end_soon)),
        controlled_overdue=Count("id", filter=controlled & Q(due__lt=now)),
        controlled_soon=Count("id", filter=controlled & Q(due__gte=now, due__lte=end_soon)),
    )
    my_control = reverse("documents:my-control")
    return [
        Waiting(ngettext_noop("of your cards is overdue", "of your cards are overdue"), counts["my_overdue"], f"{my_control}#overdue", urgent=True),
        Waiting(ngettext_noop("of your cards is due soon", "of your cards are due soon"), counts["my_soon"], my_control),
        Waiting(ngettext_noop("card under your control is overdue", "cards under your control are overdue"), counts["controlled_overdue"], f"{my_control}#controlled", urgent=True),
        Waiting(ngettext_noop("card under your control is due soon", "cards under your control are due soon"), counts["controlled_soon"], f"{my_control}#controlled"),
        Waiting(ngettext_noop("report waits for your decision", "reports wait for your decision"), reports, f"{my_control}#reports"),
        Waiting(ngettext_noop("reported card waits for you to close it", "reported cards wait for you to close them"),
                counts["reported"], f"{my_control}#controlled"),
    ]


def _approval_waiting(user, paths):
    # the plan waits for the head of the unit that approves it (or their deputy or acting head); heads above may
    # step in from the plans page, but a sector's quarter is not on the minister's desk
    submitted = WorkPlan.objects.filter(state="submitted").select_related("unit__parent")
    plans = [plan for plan in submitted.filter(under_paths("unit__path", paths)) if _approver_path(plan) in paths] if paths else []
    # what came back to be changed: the user's letters, and the plans of the units they head themselves
    returned_plans = WorkPlan.objects.filter(state=WorkPlan.State.RETURNED, unit__path__in=paths).count() if paths else 0
    return [
        Waiting(ngettext_noop("visa or signature waits for you", "visas and signatures wait for you"), approval_queue(user=user).count(), reverse("documents:approval-queue")),
        Waiting(ngettext_noop("work plan waits for your approval", "work plans wait for your approval"), len(plans), reverse("documents:plans")),
        Waiting(ngettext_noop("letter is returned to you", "letters are returned to you"),
                OutgoingDraft.objects.filter(author=user, state=OutgoingDraft.State.RETURNED).count(), reverse("documents:drafts")),
        Waiting(ngettext_noop("work plan of your unit is returned", "work plans of your units are returned"), returned_plans,
                reverse("documents:plans")),
    ]


def _approver_path(plan):
    from documents.services.plans import plan_approver_unit

    return plan_approver_unit(plan).path
