"""Work plans through the API: list, read, submit, approve or return (the same services and rules as the pages)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

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
