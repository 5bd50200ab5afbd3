"""The approval chain, one for every app. An item gets a route of visas in order and a signature last; the
waiting step's approver (or whoever acts for them) approves or rejects with a comment. A rejection ends the
route and returns the item to its author; the next version starts a new route. Each kind of item registers
what happens when it is signed or returned (the lower layer defines the hook, the higher ones register)."""


from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, PermissionDeniedError
from core.i18n import deferred, ngettext_noop
from core.services.notifications import notification_send_many
from documents.models import ApprovalRoute, ApprovalStep
from units.selectors import acting_for, acting_for_each, users_acted_for

# model -> {"signed": f(item, actor), "rejected": f(item, actor, comment, *, withdrawn), "url": f(pk) -> the item's page};
# "rejected" returns the item to its author, returned by an approver or withdrawn by the author (withdrawn=True)
_HOOKS = {}


def approval_register(model, *, signed, rejected, url, kind=None):
    """`kind` names what is approved when it is not the model itself (a meeting's minutes)."""
    _HOOKS[model] = {"signed": signed, "rejected": rejected, "url": url, "kind": kind}


def approval_item_kind(route):
    """What the route's item is, for a list of things to approve: "Outgoing draft", "Minutes of the meeting"."""
    model = route.content_type.model_class()
    return _HOOKS.get(model, {}).get("kind") or model._meta.verbose_name


def approval_item_url(route):
    """The page where the route's item is read and decided (each app registers its own)."""
    hooks = _HOOKS.get(route.content_type.model_class())
    return hooks["url"](route.object_id) if hooks else ""


def approval_start(*, item, steps, actor):
    """A new route (the next version) for `item`. `steps` is [(kind, user)] in order; the last one, and only
    it, is the signature."""
    kinds = [kind for kind, _user in steps]
    if not steps or kinds[-1] != ApprovalStep.Kind.SIGNATURE or kinds.count(ApprovalStep.Kind.SIGNATURE) != 1:
        message = _("A route is visas in order and one signature at the end.")
        raise ApplicationError(message, code="bad_route", fields={"route": [message]})
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():
        previous = ApprovalRoute.objects.select_for_update().filter(content_type=content_type, object_id=item.pk).order_by("-version").first()
        if previous is not None and previous.state == ApprovalRoute.State.IN_PROGRESS:
            raise ApplicationError(_("This item is already in approval."), code="in_approval")
        route = ApprovalRoute(content_type=content_type, object_id=item.pk, version=(previous.version + 1) if previous else 1,
                              created_by=actor)
        route._history_user = actor
        route.save()
        ApprovalStep.objects.bulk_create([ApprovalStep(route=route, order=n, kind=kind, approver=user)
                                          for n, (kind, user) in enumerate(steps, start=1)])
        _tell_whose_turn(route, item=item, actor=actor)
    return route


def _tell_whose_turn(route, *, item, actor):
    """The approver whose turn has come (and whoever acts for them) learns what waits, in the inbox and by e-mail."""
    step = approval_current_step(route)
    if step is None:
        return
    title = (deferred(gettext_noop("Waits for your signature: %(item)s"), item=str(item)) if step.kind == ApprovalStep.Kind.SIGNATURE
             else deferred(gettext_noop("Waits for your visa: %(item)s"), item=str(item)))
    body = deferred(gettext_noop("Sent by %(author)s."), author=str(route.created_by))
    url = approval_item_url(route)
    notification_send_many(items=[(user, "documents.approval", title, body, url) for user in _deciders(step)], actor=actor)


def _deciders(step):
    return [step.approver, *acting_for(user=step.approver)]


def approval_withdraw(*, route, actor, reason):
    """The author takes the item back while it is in approval (a figure to correct, an approver who has left): the
    steps not yet reached are skipped, the item is the author's to change and send again as the next version, and the
    approver it waited for is told why."""
    if not (reason or "").strip():
        message = _("Say why you withdraw it.")
        raise ApplicationError(message, fields={"reason": [message]})
    with transaction.atomic():
        route = ApprovalRoute.objects.select_for_update().get(pk=route.pk)
        if route.created_by_id != actor.pk:
            raise PermissionDeniedError(_("Only who sent it for approval withdraws it."))
        if route.state != ApprovalRoute.State.IN_PROGRESS:
            raise ApplicationError(_("It is no longer in approval."), code="not_in_approval")
        waiting = approval_current_step(route)
        _end_returned(route, actor=actor, comment=reason.strip(), withdrawn=True)
        if waiting is not None:
            title, url = deferred(gettext_noop("Withdrawn from approval: %(item)s"), item=str(route.item)), approval_item_url(route)
            notification_send_many(items=[(user, "documents.approval", title, reason.strip(), url) for user in _deciders(waiting)],
                                   actor=actor)
    return route


def _end_returned(route, *, actor, comment, withdrawn):
    """The route ends unsigned, returned by an approver or withdrawn by its sender: the steps not reached are
    skipped and the item goes back to its author (its app's "rejected" hook)."""
    route.steps.filter(state=ApprovalStep.State.WAITING).update(state=ApprovalStep.State.SKIPPED)
    route.state = ApprovalRoute.State.WITHDRAWN if withdrawn else ApprovalRoute.State.REJECTED
    route._history_user = actor
    route.save(update_fields=["state"])
    hooks = _HOOKS.get(type(route.item), {})
    if "rejected" in hooks:
        hooks["rejected"](route.item, actor, comment, withdrawn=withdrawn)


def approval_acts_for(actor, approver, on=None):
    """Whether `actor` holds an acting appointment today for a position `approver` holds."""
    return acting_for(user=approver, on=on).filter(pk=actor.pk).exists()


def approval_current_step(route):
    return route.steps.filter(state=ApprovalStep.State.WAITING).order_by("order").first()


def approval_decide(*, step, actor, approve, comment=""):
    """Approve or reject the waiting step. Only the step's approver, or someone acting for them, decides, and
    only when the steps before it are approved."""
    with transaction.atomic():
        route = ApprovalRoute.objects.select_for_update().get(pk=step.route_id)
        step = ApprovalStep.objects.select_related("approver").get(pk=step.pk)
        if route.state != ApprovalRoute.State.IN_PROGRESS or approval_current_step(route) != step:
            raise ApplicationError(_("This step is not waiting for a decision."), code="not_waiting")
        if actor.pk != step.approver_id and not approval_acts_for(actor, step.approver):
            raise PermissionDeniedError(_("Only %(approver)s, or whoever acts for them, decides this step.") % {"approver": step.approver})
        if not approve and not (comment or "").strip():
            message = _("Say why it is returned.")
            raise ApplicationError(message, fields={"comment": [message]})
        step.state = ApprovalStep.State.APPROVED if approve else ApprovalStep.State.REJECTED
        step.decided_by, step.decided_at, step.comment = actor, timezone.now(), (comment or "").strip()
        step._history_user = actor
        step.save(update_fields=["state", "decided_by", "decided_at", "comment"])
        if not approve:
            _end_returned(route, actor=actor, comment=step.comment, withdrawn=False)
        elif step.kind == ApprovalStep.Kind.SIGNATURE:
            route.state = ApprovalRoute.State.APPROVED
            route._history_user = actor
            route.save(update_fields=["state"])
            hooks = _HOOKS.get(type(route.item), {})
            if "signed" in hooks:
                hooks["signed"](route.item, actor)
        else:
            _tell_whose_turn(route, item=route.item, actor=actor)
    return step


def approval_queue(*, user):
    """Steps waiting for the user (or for someone they act for) whose turn has come: the "to approve" queue."""
    return (approval_queue_all().filter(Q(approver=user) | Q(approver_id__in=users_acted_for(user=user)))
            .select_related("route", "route__content_type", "route__created_by", "approver").prefetch_related("route__item")
            .order_by("waiting_since", "id"))


def approval_sent(*, user):
    """The routes `user` sent that still wait in approval, the oldest first (theirs to withdraw)."""
    return (ApprovalRoute.objects.filter(created_by=user, state=ApprovalRoute.State.IN_PROGRESS)
            .select_related("content_type").prefetch_related("item").order_by("created_at", "id"))


def approval_routes(item):
    """Every version of the item's route with its steps, oldest first."""
    return (ApprovalRoute.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
            .prefetch_related("steps__approver", "steps__decided_by").order_by("version"))


def approval_remind_waiting(*, now=None):
    """Remind once about steps that have waited longer than APPROVAL_REMIND_AFTER_WORKING_DAYS working days: one
    ledger row per step (set-based, unique), one message per approver (and whoever acts for them) naming how many
    items wait. A step whose approver is no longer in any post waits for nobody: its sender is told to withdraw it
    and send it to whoever holds the post now. Returns the number of steps reminded about."""
    from django.conf import settings

    from documents.models import ApprovalReminder
    from documents.services.calendar import calendar_for

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    cutoff_day = calendar_for("AZ", around=today).subtract_working_days(today, settings.APPROVAL_REMIND_AFTER_WORKING_DAYS)
    waiting = list(approval_queue_all().filter(reminder__isnull=True).select_related("route__created_by", "route__content_type", "approver"))
    due = [s for s in waiting if timezone.localtime(s.waiting_since).date() <= cutoff_day]
    if not due:
        return 0
    stand_ins = acting_for_each(user_ids={step.approver_id for step in due}, on=today)  # only approvers still in a post
    with transaction.atomic():
        ApprovalReminder.objects.bulk_create([ApprovalReminder(step=s, sent_at=now) for s in due], ignore_conflicts=True)
        ledger = set(ApprovalReminder.objects.filter(step__in=due, sent_at=now).values_list("step_id", flat=True))
        per_person, orphaned = {}, []
        for step in due:
            if step.pk not in ledger:
                continue
            if step.approver_id not in stand_ins:
                orphaned.append(step)
                continue
            for person in [step.approver, *stand_ins[step.approver_id]]:
                per_person.setdefault(person, []).append(step)
        notification_send_many(items=[
            (person, "approval_waiting", deferred(ngettext_noop("%(count)d item waits for your visa or signature",
                                                  "%(count)d items wait for your visa or signature"),
                                                  count=len(steps)),
             deferred(gettext_noop("Open the “To approve” page to decide.")), "/documents/approvals/")
            for person, steps in per_person.items()])
        notification_send_many(items=[
            (step.route.created_by, "approval_waiting",
             deferred(gettext_noop("%(item)s waits for %(approver)s, who is no longer in post"), item=str(step.route.item),
                      approver=str(step.approver)),
             deferred(gettext_noop("Withdraw it and send it to whoever holds the post now.")), approval_item_url(step.route))
            for step in orphaned])
    return len(ledger)


def approval_queue_all():
    """Every step whose turn has come, for every approver, with `waiting_since`: when its turn came (the step before
    it was decided, or the route was sent)."""
    earlier_waiting = ApprovalStep.objects.filter(route=OuterRef("route"), order__lt=OuterRef("order"),
                                                  state=ApprovalStep.State.WAITING)
    turn_came = ApprovalStep.objects.filter(route=OuterRef("route"), decided_at__isnull=False).order_by("-decided_at").values("decided_at")[:1]
    return (ApprovalStep.objects.filter(state=ApprovalStep.State.WAITING, route__state=ApprovalRoute.State.IN_PROGRESS)
            .exclude(Exists(earlier_waiting)).annotate(waiting_since=Coalesce(Subquery(turn_came), F("route__created_at"))))
