"""Work plans through the API: list, read, submit, approve or return (the same services and rules as the pages)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import PDF, XLSX, file_renderers
from core.exceptions import ApplicationError
from core.serializers import BoundedDateField
from core.spreadsheets import xlsx_response
from documents.models import WorkPlan, WorkPlanItem, WorkPlanReport
from documents.selectors import plan_items
from documents.services import plans as plan_services
from documents.services.letters import letter_pdf_response
from units.models import Unit

__all__ = ["WorkPlanActionApi", "WorkPlanDetailApi", "WorkPlanListApi"]


class WorkPlanItemSerializer(serializers.ModelSerializer):
    clauses = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    responsible = serializers.StringRelatedField()

    class Meta:
        model = WorkPlanItem
        fields = ["id", "title", "clauses", "responsible", "due_date", "dropped_reason"]


class WorkPlanSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    period_label = serializers.CharField(read_only=True)

    class Meta:
        model = WorkPlan
        fields = ["id", "unit", "period", "year", "number", "period_label", "state", "comment", "decided_at"]


def _plans(user):
    return WorkPlan.objects.filter(unit__in=Unit.objects.visible_to(user)).select_related("unit").order_by("-year", "-number", "id")


def _plan(user, pk):
    plan = _plans(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


class WorkPlanListApi(generics.ListAPIView):
    """Work plans of the units you may see, filtered by state, year and period."""

    serializer_class = WorkPlanSerializer
    filterset_fields = ["state", "year", "period"]
    queryset = WorkPlan.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkPlan.objects.none()
        return _plans(self.request.user)


class PlanMeasureSerializer(WorkPlanItemSerializer):
    """A measure as the plan's reader sees it: once the plan is approved, its control card (the id only for a reader
    who may open it), the card's state and when it was closed."""

    card = serializers.SerializerMethodField()
    card_state = serializers.CharField(source="card.state", default=None, read_only=True)
    closed_at = serializers.DateTimeField(source="card.closed_at", default=None, read_only=True)

    class Meta(WorkPlanItemSerializer.Meta):
        fields = [*WorkPlanItemSerializer.Meta.fields, "card", "card_state", "closed_at"]

    def get_card(self, item) -> int | None:
        return item.card.pk if item.card is not None and item.card.openable else None


class WorkPlanDetailApi(APIView):
    """A work plan with its items, each with the regulation's duty clauses it serves and, once approved, its control."""

    class WorkPlanDetailSerializer(WorkPlanSerializer):
        items = PlanMeasureSerializer(many=True)

        class Meta(WorkPlanSerializer.Meta):
            fields = [*WorkPlanSerializer.Meta.fields, "items"]

    @extend_schema(responses=WorkPlanDetailSerializer)
    def get(self, request, pk):
        plan = _plan(request.user, pk)
        return Response({**WorkPlanSerializer(plan).data,
                         "items": PlanMeasureSerializer(plan_items(user=request.user, plan=plan), many=True).data})


class WorkPlanActionApi(APIView):
    """submit, or withdraw while it waits saying why (`reason`) (the unit's staff); approve, or return with a `comment`
    (the head of the parent department)."""

    action = None

    class ActionInputSerializer(serializers.Serializer):
        comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(request=ActionInputSerializer, responses=WorkPlanSerializer)
    def post(self, request, pk):
        plan = _plan(request.user, pk)
        data = self.ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if self.action == "submit":
            plan = plan_services.plan_submit(actor=request.user, plan=plan)
        elif self.action == "approve":
            plan = plan_services.plan_approve(actor=request.user, plan=plan)
        elif self.action == "withdraw":
            plan = plan_services.plan_withdraw(actor=request.user, plan=plan, reason=data.validated_data["reason"])
        else:
            plan = plan_services.plan_return(actor=request.user, plan=plan, comment=data.validated_data["comment"])
        return Response(WorkPlanSerializer(plan).data)


class WorkPlanCreateItemApi(APIView):
    """Add a measure to a draft or returned plan: its title, the duty clauses it serves (ids), the responsible
    person (id) and the term (within the plan's period)."""

    class ItemInputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=500)
        clauses = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=50)
        responsible = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        due_date = BoundedDateField()

    @extend_schema(request=ItemInputSerializer, responses={201: WorkPlanItemSerializer})
    def post(self, request, pk):
        from core.models import User
        from units.models import Clause

        plan = _plan(request.user, pk)
        data = self.ItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item = plan_services.plan_item_add(
            actor=request.user, plan=plan, title=values["title"], clauses=list(Clause.objects.filter(pk__in=values["clauses"])),
            responsible=User.objects.filter(pk=values["responsible"], is_active=True).first(), due_date=values["due_date"])
        return Response(WorkPlanItemSerializer(item).data, status=201)


class WorkPlanCreateApi(APIView):
    """Draft a plan for a unit you work in: a quarter (1–4), a half-year (1–2) or a year."""

    class PlanInputSerializer(serializers.Serializer):
        unit = serializers.SlugField(max_length=200)
        period = serializers.ChoiceField(choices=WorkPlan.Period.choices)
        year = serializers.IntegerField(min_value=2000, max_value=2200)
        number = serializers.IntegerField(min_value=1, max_value=4, required=False, default=1)

    @extend_schema(request=PlanInputSerializer, responses={201: WorkPlanSerializer})
    def post(self, request):
        data = self.PlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = Unit.objects.filter(slug=values["unit"]).first()
        if unit is None:
            raise ApplicationError(_("No such unit."), fields={"unit": [_("No such unit.")]})
        plan = plan_services.plan_create(actor=request.user, unit=unit, period=values["period"], year=values["year"],
                                         number=values["number"])
        return Response(WorkPlanSerializer(plan).data, status=201)


__all__ += ["WorkPlanCreateApi", "WorkPlanCreateItemApi"]


def _approved_plan(user, pk):
    plan = _plan(user, pk)
    if plan.state != WorkPlan.State.APPROVED:
        raise Http404  # only an approved plan has a report
    return plan


class ReportRowSerializer(serializers.Serializer):
    item = WorkPlanItemSerializer()
    outcome = serializers.ChoiceField(choices=["done_on_time", "done_late", "not_done", "dropped"])
    card = serializers.IntegerField(source="card.pk", allow_null=True, default=None)


class UnplannedDutySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    text = serializers.CharField()


class WorkPlanReportSerializer(serializers.Serializer):
    plan = WorkPlanSerializer()
    state = serializers.ChoiceField(choices=WorkPlanReport.State.choices)
    narrative = serializers.CharField(allow_blank=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    rows = ReportRowSerializer(many=True)
    unplanned_duties = UnplannedDutySerializer(many=True, help_text="Duties of the unit's regulation no measure cited.")


def _report_data(plan):
    facts = plan_services.plan_report_build(plan=plan)
    report = WorkPlanReport.objects.filter(plan=plan).first()
    return WorkPlanReportSerializer({
        "plan": plan, "state": report.state if report else WorkPlanReport.State.DRAFT,
        "narrative": report.narrative if report else "", "approved_at": report.approved_at if report else None,
        "counts": facts["counts"], "rows": facts["rows"], "unplanned_duties": facts["unplanned"]}).data


class WorkPlanReportApi(APIView):
    """The period report of an approved plan: each measure's outcome, the duties nobody planned, the narrative;
    PUT saves the narrative (the unit's staff, until the head approves)."""

    class NarrativeInputSerializer(serializers.Serializer):
        narrative = serializers.CharField(max_length=50000, allow_blank=True)

    @extend_schema(responses=WorkPlanReportSerializer)
    def get(self, request, pk):
        return Response(_report_data(_approved_plan(request.user, pk)))

    @extend_schema(request=NarrativeInputSerializer, responses=WorkPlanReportSerializer)
    def put(self, request, pk):
        plan = _approved_plan(request.user, pk)
        data = self.NarrativeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan_services.plan_report_save(actor=request.user, plan=plan, narrative=data.validated_data["narrative"])
        return Response(_report_data(plan))


class WorkPlanReportApproveApi(APIView):
    """The approving head (of the parent department, or the acting head) approves the period report."""

    @extend_schema(request=None, responses=WorkPlanReportSerializer)
    def post(self, request, pk):
        plan = _approved_plan(request.user, pk)
        plan_services.plan_report_approve(actor=request.user, plan=plan)
        return Response(_report_data(plan))


class WorkPlanReportPdfApi(APIView):
    """The period report as a PDF letter to the approving head."""

    renderer_classes = file_renderers(PDF)

    @extend_schema(responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        plan = _approved_plan(request.user, pk)
        report = WorkPlanReport.objects.filter(plan=plan).select_related("approved_by").first()
        letter = plan_services.plan_report_letter(plan=plan, facts=plan_services.plan_report_build(plan=plan), report=report)
        return letter_pdf_response(letter, filename=f"work-plan-report-{plan.pk}", inline=False)


class WorkPlanReportXlsxApi(APIView):
    """The period report as a workbook: the measures with their outcomes, and the unplanned duties."""

    renderer_classes = file_renderers(XLSX)

    @extend_schema(responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        plan = _approved_plan(request.user, pk)
        return xlsx_response(f"work-plan-report-{plan.pk}.xlsx",
                             plan_services.plan_report_sheets(facts=plan_services.plan_report_build(plan=plan)))


__all__ += ["WorkPlanReportApi", "WorkPlanReportApproveApi", "WorkPlanReportPdfApi", "WorkPlanReportXlsxApi"]
