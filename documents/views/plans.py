"""Work plan pages: the unit's plans, the plan editor with the regulation's duties, approval, the period report."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.bounds import validate_date_window
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.models import User
from core.spreadsheets import xlsx_response
from core.text import shorten
from documents.models import WorkPlan, WorkPlanReport
from documents.selectors import plan_items
from documents.services import plans as plan_services
from units.models import Clause, Unit
from units.selectors import user_manages_unit

__all__ = ["plan_page", "plan_report_page", "plans_page"]


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none(), to_field_name="slug")
    period = forms.ChoiceField(label=gettext_lazy("Period"), choices=WorkPlan.Period.choices)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2200)
    number = forms.IntegerField(label=gettext_lazy("Quarter or half-year"), min_value=1, max_value=4, initial=1)


class ItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Measure"), max_length=500)
    clauses = forms.ModelMultipleChoiceField(label=gettext_lazy("Duties of the regulation"), queryset=Clause.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    responsible = forms.ModelChoiceField(label=gettext_lazy("Responsible"), queryset=User.objects.none())
    due_date = forms.DateField(label=gettext_lazy("Term"), validators=[validate_date_window],
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, plan, query="", **kwargs):
        super().__init__(*args, **kwargs)
        duties = plan_services.duty_clauses_for(plan.unit).order_by("unit__path", "sort_key")
        if query:
            duties = duties.filter(text__icontains=query)
        self.fields["clauses"].queryset = duties
        self.fields["clauses"].label_from_instance = lambda c: shorten(f"{c.number} {c.text}", 160)
        self.fields["responsible"].queryset = User.objects.filter(
            memberships__position__unit__path__startswith=plan.unit.path).distinct().order_by("last_name")


def _plans_for(user):
    return (WorkPlan.objects.filter(unit__in=Unit.objects.visible_to(user)).select_related("unit", "author")
            .order_by("-year", "-number", "unit__path"))


def _access_plan(user, pk):
    plan = _plans_for(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


@login_required
def plans_page(request):
    units = Unit.objects.filter(pk__in=request.user.memberships.values("position__unit")).order_by("path")
    today = timezone.localdate()
    form = PlanForm(request.POST or None, initial={"year": today.year, "number": (today.month - 1) // 3 + 1, "period": "quarter"})
    form.fields["unit"].queryset = units
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_services.plan_create(actor=request.user, unit=data["unit"], period=data["period"], year=data["year"],
                                             number=data["number"] if data["period"] != "year" else 1)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("documents:plan", pk=plan.pk)
    return render(request, "documents/plans.html", {"plans": _plans_for(request.user)[:100], "form": form if units else None},
                  status=400 if form.is_bound else 200)


@login_required
def plan_page(request, pk):
    plan = _access_plan(request.user, pk)
    query = request.GET.get("q", "").strip()[:100]
    action = request.POST.get("action") if request.method == "POST" else None
    item_form = ItemForm(request.POST if action == "add" else None, plan=plan, query=query)
    status = 200
    if action:
        try:
            if action == "add" and item_form.is_valid():
                data = item_form.cleaned_data
                plan_services.plan_item_add(actor=request.user, plan=plan, title=data["title"], clauses=data["clauses"],
                                            responsible=data["responsible"], due_date=data["due_date"])
                messages.success(request, _("The measure is added."))
                return redirect("documents:plan", pk=plan.pk)
            if action == "submit":
                plan_services.plan_submit(actor=request.user, plan=plan)
                messages.success(request, _("The plan is submitted for approval."))
                return redirect("documents:plan", pk=plan.pk)
            if action == "approve":
                plan_services.plan_approve(actor=request.user, plan=plan)
                messages.success(request, _("The plan is approved; every measure is under control."))
                return redirect("documents:plan", pk=plan.pk)
            if action == "return":
                plan_services.plan_return(actor=request.user, plan=plan, comment=request.POST.get("comment", ""))
                messages.success(request, _("The plan is returned with your comments."))
                return redirect("documents:plan", pk=plan.pk)
            if action == "withdraw":
                plan_services.plan_withdraw(actor=request.user, plan=plan, reason=request.POST.get("reason", ""))
                messages.success(request, _("Withdrawn from approval: change it and send it again."))
                return redirect("documents:plan", pk=plan.pk)
        except ApplicationError as error:
            if action == "add":
                form_add_application_error(item_form, error)
            else:
                messages.error(request, error.message)
        status = 400
    approver_unit = plan_services.plan_approver_unit(plan)
    may_decide = plan.state == "submitted" and user_manages_unit(user=request.user, unit=approver_unit)
    return render(request, "documents/plan.html", {
        "plan": plan, "items": plan_items(user=request.user, plan=plan), "item_form": item_form,
        "query": query, "editable": plan.state in plan_services.EDITABLE and plan_services.works_in(request.user, plan.unit),
        "may_decide": may_decide,
        "may_withdraw": plan.state == "submitted" and not may_decide and plan_services.works_in(request.user, plan.unit),
        "approver_unit": approver_unit, "history": plan.history.select_related("history_user").order_by("-history_date")[:30],
    }, status=status)


@login_required
def plan_report_page(request, pk):
    plan = _access_plan(request.user, pk)
    if plan.state != WorkPlan.State.APPROVED:
        raise Http404
    facts = plan_services.plan_report_build(plan=plan)
    report = WorkPlanReport.objects.filter(plan=plan).select_related("approved_by").first()
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "save":
                report = plan_services.plan_report_save(actor=request.user, plan=plan, narrative=request.POST.get("narrative", ""))
                messages.success(request, _("The report is saved."))
            elif request.POST.get("action") == "approve":
                report = plan_services.plan_report_approve(actor=request.user, plan=plan)
                messages.success(request, _("The report is approved."))
            return redirect("documents:plan-report", pk=plan.pk)
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
    if request.GET.get("format") == "pdf":
        from documents.services.letters import letter_pdf_response

        return letter_pdf_response(plan_services.plan_report_letter(plan=plan, facts=facts, report=report),
                                   filename=f"work-plan-report-{plan.pk}", inline=False)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"work-plan-report-{plan.pk}.xlsx", plan_services.plan_report_sheets(facts=facts))
    return render(request, "documents/plan_report.html", {
        "plan": plan, "facts": facts, "report": report,
        "may_approve": user_manages_unit(user=request.user, unit=plan_services.plan_approver_unit(plan)),
        "may_write": plan_services.works_in(request.user, plan.unit),
    }, status=status)
