"""Work plans through the API: list, read, submit, approve or return (the same services and rules as the pages)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.serializers import BoundedDateField
from documents.models import WorkPlan, WorkPlanItem
from documents.services import plans as plan_services
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
    serializer_class = WorkPlanSerializer
    filterset_fields = ["state", "year", "period"]
    queryset = WorkPlan.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkPlan.objects.none()
        return _plans(self.request.user)


class WorkPlanDetailApi(APIView):
    class WorkPlanDetailSerializer(WorkPlanSerializer):
        items = WorkPlanItemSerializer(many=True)

        class Meta(WorkPlanSerializer.Meta):
            fields = [*WorkPlanSerializer.Meta.fields, "items"]

    @extend_schema(responses=WorkPlanDetailSerializer)
    def get(self, request, pk):
        plan = _plan(request.user, pk)
        return Response({**WorkPlanSerializer(plan).data,
                         "items": WorkPlanItemSerializer(plan.items.prefetch_related("clauses").select_related("responsible"), many=True).data})


class WorkPlanActionApi(APIView):
    """submit (the unit's staff), approve or return with a comment (the head of the parent department)."""

    action = None

    class ActionInputSerializer(serializers.Serializer):
        comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

    @extend_schema(request=ActionInputSerializer, responses=WorkPlanSerializer)
    def post(self, request, pk):
        plan = _plan(request.user, pk)
        data = self.ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if self.action == "submit":
            plan = plan_services.plan_submit(actor=request.user, plan=plan)
        elif self.action == "approve":
            plan = plan_services.plan_approve(actor=request.user, plan=plan)
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
