from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import asked_query, form_add_application_error
from core.ratelimit import rate_limit
from core.spreadsheets import xlsx_response
from documents.domain.control_states import CONTROLLER, EXECUTOR, allowed_actions
from documents.forms import CalculatorForm, CloseForm, ExtendForm, PauseForm, ReportForm
from documents.selectors import (
    access_card,
    card_closing,
    card_list,
    controlled_cards,
    my_control,
    reports_to_decide,
    unit_control,
)
from documents.services.control import (
    control_card_act,
    control_explain,
    control_item,
    control_owned_actions,
    control_roles,
    deadline_calculate,
)
from units.models import Unit


@rate_limit("calculator")
def calculator(request):
    form = CalculatorForm(asked_query(request, CalculatorForm.base_fields))
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = deadline_calculate(policy=form.cleaned_data["policy"], start=form.cleaned_data["start"])
            result["policy_object"] = form.cleaned_data["policy"]
        except ApplicationError as error:
            form_add_application_error(form, error)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "documents/calculator.html", {"form": form, "result": result}, status=status)


@login_required
def my_control_page(request):
    groups = my_control(user=request.user)
    sections = [
        ("overdue", _("Overdue"), groups["overdue"]), ("today", _("Due today"), groups["today"]),
        ("week", _("Due this week"), groups["week"]), ("later", _("Later"), groups["later"]),
        ("paused", _("Paused"), groups["paused"]),
    ]
    controlled, controlled_total = controlled_cards(user=request.user)
    if controlled:
        sections.append(("controlled", _("Under my control"), controlled))
    explained = [(key, label, [(card, control_explain(card=card)) for card in cards]) for key, label, cards in sections]
    return render(request, "documents/my_control.html", {"sections": explained, "controlled_total": controlled_total,
                                                         "controlled_shown": len(controlled),
                                                         "reports": list(reports_to_decide(user=request.user))})


@login_required
def unit_control_page(request):
    root = None
    if slug := request.GET.get("unit"):
        root = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    rows = unit_control(user=request.user, root=root)
    cards = []
    if root is not None:
        cards = list(card_list(user=request.user).filter(responsible_unit__path__startswith=root.path,
                                                         state__in=["open", "paused"]))
    if request.GET.get("format") == "xlsx":
        return _xlsx(rows, cards)
    return render(request, "documents/unit_control.html", {"rows": rows, "root": root, "cards": cards, "now": timezone.now()})


def _xlsx(rows, cards):
    sheets = [(_("Units"), [_("Unit"), _("Overdue"), _("Due soon"), _("On time"), _("Overdue, with sub-units"),
                            _("Due soon, with sub-units"), _("On time, with sub-units")],
               [["  " * row["level"] + row["unit"].name, row["own"]["overdue"], row["own"]["due_soon"], row["own"]["on_time"],
                 row["total"]["overdue"], row["total"]["due_soon"], row["total"]["on_time"]] for row in rows])]
    if cards:
        sheets.append((_("Cards"), [_("Title"), _("Unit"), _("Executor"), _("Due"), _("State"), _("Overdue")],
                       [[card.title, card.responsible_unit.display_name, str(card.executor or ""),
                         timezone.localtime(card.due).replace(tzinfo=None), card.get_state_display(),
                         _("yes") if card.is_overdue else _("no")] for card in cards]))
    return xlsx_response("unit-control.xlsx", sheets)


# the card's forms share a page and some field names ("reason"): each has its own ids, so a label names its own field
CARD_FORMS = {"extend": ExtendForm, "pause": PauseForm, "close": CloseForm, "report": ReportForm}


def _card_form(action, *args):
    return CARD_FORMS[action](*args, auto_id=f"id_{action}_%s")


def _card_context(request, card, **forms):
    roles = control_roles(user=request.user, card=card)
    allowed = set(allowed_actions(card.state, roles))
    owned = control_owned_actions(card)  # done on the item's own page: the card points there
    return {
        "card": card, "explanation": control_explain(card=card), "closing": card_closing(card),
        "manages": CONTROLLER in roles, "is_executor": EXECUTOR in roles,
        "actions": allowed - owned, "done_elsewhere": bool(allowed & owned), "item": control_item(card, user=request.user),
        "history": card.history.select_related("history_user").order_by("-history_date")[:50],
        **{f"{action}_form": _card_form(action) for action in CARD_FORMS},
        **forms,
    }


@login_required
def card_detail(request, pk):
    card = access_card(user=request.user, pk=pk)
    return render(request, "documents/card.html", _card_context(request, card))


@login_required
@require_POST
def card_action(request, pk, action):
    card = access_card(user=request.user, pk=pk)
    form = _card_form(action, request.POST) if action in CARD_FORMS else None
    if form is not None and not form.is_valid():
        return _card_with_error(request, card, action, form)
    done = {"extend": _("The term was extended."), "pause": _("The clock is stopped."),
            "resume": _("The clock runs again; the due date was recomputed."),
            "report": _("Your report is on the card; the head of the unit closes it."), "close": _("The card is closed.")}
    if action not in done:
        raise Http404
    try:  # each form's fields are named as the service's arguments
        control_card_act(card=card, actor=request.user, action=action, **(form.cleaned_data if form is not None else {}))
        messages.success(request, done[action])
    except ApplicationError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("documents:card", pk=card.pk)
        form_add_application_error(form, error)
        return _card_with_error(request, card, action, form)
    return redirect("documents:card", pk=card.pk)


def _card_with_error(request, card, action, form):
    """Show the card again with the submitted form, its errors and everything the user typed."""
    context = _card_context(request, card, **{f"{action}_form": form, "open_action": action})
    return render(request, "documents/card.html", context, status=400)
