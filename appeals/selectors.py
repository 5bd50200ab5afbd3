"""Reads of cases: staff visibility (404 for anyone else), the citizen's view through the tracking link."""

import re

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from appeals.models import Case, CaseMessage
from appeals.services import case_card
from core.history import history_reason_text
from documents.selectors.control import card_closing
from documents.services.control import control_explain
from units.models import Unit

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def public_organisation():
    """The organisation citizens write to through this portal: its top unit."""
    organisation = Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
    if organisation is None:
        raise Http404
    return organisation


def access_case(*, user, pk):
    case = Case.objects.visible_to(user).select_related("unit", "executor", "suggested_unit", "organisation").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def case_for_token(*, token):
    """The citizen's case by its tracking token; 404 for an unknown or malformed one."""
    case = Case.objects.filter(tracking_token=token).select_related("answer_draft__document").first() if TOKEN_PATTERN.match(token or "") else None
    if case is None:
        raise Http404
    return case


def case_due(case, *, card=None):
    """The card's due date and how it was computed (policy, legal basis, skipped days, pauses), or None."""
    card = card or case_card(case)
    if card is None:
        return None
    return {"card": card, "explanation": control_explain(card=card), "closing": card_closing(card)}


def case_public_timeline(*, case):
    """What the citizen sees: each state the case went through, and the messages; no staff names."""
    events, last_state = [], None
    for record in case.history.order_by("history_date", "history_id"):
        if record.state != last_state:
            events.append({"at": record.history_date, "text": Case.State(record.state).label})
            last_state = record.state
    for message in case.messages.all():
        events.append({"at": message.created_at, "text": message.text, "direction": message.direction})
    return sorted(events, key=lambda e: e["at"])


def case_staff_timeline(*, case):
    """Everything, with who did it, newest first."""
    events = [{"at": r.history_date, "who": r.history_user, "text": history_reason_text(r.history_change_reason) or r.get_state_display()}
              for r in case.history.select_related("history_user")]
    events += [{"at": m.created_at, "who": m.author, "text": m.text, "direction": m.direction}
               for m in CaseMessage.objects.filter(case=case).select_related("author")]
    return sorted(events, key=lambda e: e["at"], reverse=True)


def case_letter(*, case):
    """The signed answer letter (for the citizen's PDF), or None before it is signed."""
    from documents.selectors import draft_letter

    draft = case.answer_draft
    if draft is None or draft.document_id is None:
        return None
    return draft_letter(draft=draft)


def answer_files(case):
    """The files the staff attached to the case's answer (not the citizen's own uploads)."""
    from documents.services.attachments import attachments_of

    return attachments_of(case).filter(uploaded_by__isnull=False).order_by("uploaded_at", "id")


def cases_waiting(user):
    """The staff home's counts: new cases to route (the registry), cases of the reader's units without an executor
    (their heads), the cases the reader answers."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from core.i18n import ngettext_noop
    from core.waiting import Waiting

    counts = Case.objects.visible_to(user).aggregate(
        new=Count("id", filter=Q(state=Case.State.REGISTERED)),
        unassigned=Count("id", filter=Q(state=Case.State.ROUTED, executor__isnull=True)),
        mine=Count("id", filter=Q(executor=user, state__in=[Case.State.ROUTED, Case.State.IN_PROGRESS])),
    )
    cases = reverse("appeals:staff-cases")
    return [
        Waiting(ngettext_noop("new appeal or request to route", "new appeals and requests to route"), counts["new"], f"{cases}?state={Case.State.REGISTERED}"),
        Waiting(ngettext_noop("case of your units waits for an executor", "cases of your units wait for an executor"), counts["unassigned"], f"{cases}?state={Case.State.ROUTED}"),
        Waiting(ngettext_noop("citizen's case you are answering", "citizens' cases you are answering"), counts["mine"], f"{cases}?state={Case.State.IN_PROGRESS}"),
    ]


def case_answered_by(*, user, draft_id):
    """The citizen's case a letter answers (or forwards), for its approver and the registry's reader."""
    case = Case.objects.visible_to(user).filter(answer_draft_id=draft_id).only("pk", "number", "subject").first()
    if case is None:
        return None
    return {"kind": _("Citizen's case"), "label": f"{case.number} · {case.subject}",
            "url": reverse("appeals:staff-case", args=[case.pk])}
