from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.filters import BoundedIsoDateTimeFilter, IdFilter, PortalFilterSet
from core.serializers import BoundedDateField, PortalModelSerializer
from documents.models import POLICY_CODE_PATTERN, ControlCard, DeadlinePolicy, TermUnit
from documents.selectors import access_card, card_list, reported_to_close
from documents.services.control import (
    control_card_act,
    control_explain,
    control_item,
    deadline_calculate,
    deadline_parse_start,
    policy_for,
)


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()


class TermSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=TermUnit.choices)


class DeadlineCalculationSerializer(serializers.Serializer):
    policy = serializers.CharField()
    start = serializers.DateTimeField()
    due = serializers.DateTimeField()
    term = TermSerializer()
    legal_basis = serializers.CharField()
    skipped = SkippedDaySerializer(many=True)


class DeadlineCalculateApi(APIView):
    """The due date for a policy and a start moment, with every skipped day and its reason."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[
        OpenApiParameter("policy", str, required=True, pattern=POLICY_CODE_PATTERN, description="e.g. appeal.standard"),
        OpenApiParameter("start", OpenApiTypes.DATETIME, required=True,
                         description="ISO 8601 date or date and time, within the calendar's years around today")],
        responses=DeadlineCalculationSerializer)
    def get(self, request):
        code = request.query_params.get("policy", "").strip()
        raw_start = request.query_params.get("start", "").strip()
        if not code:
            raise ApplicationError(_("Name a deadline policy."), fields={"policy": [_("This field is required.")]})
        policy = policy_for(code=code)
        start = deadline_parse_start(raw_start)
        return Response(deadline_calculate(policy=policy, start=start))


class DeadlinePolicyListApi(generics.ListAPIView):
    """The statutory deadline policies (public): term, what starts it, how far it may be extended, and the legal basis."""

    permission_classes = [AllowAny]
    pagination_class = None

    class DeadlinePolicySerializer(PortalModelSerializer):
        class Meta:
            model = DeadlinePolicy
            fields = ["code", "name", "country", "term_value", "term_unit", "start_event", "max_extension_value",
                      "extension_unit", "extension_rule", "legal_basis", "confidence"]

    serializer_class = DeadlinePolicySerializer
    queryset = DeadlinePolicy.objects.filter(organisation__isnull=True, is_active=True).order_by("code")


class CardSerializer(PortalModelSerializer):
    policy = serializers.SlugRelatedField(slug_field="code", read_only=True)
    responsible_unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    co_executors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    overdue = serializers.BooleanField(source="is_overdue")
    result = serializers.CharField(source="result_text", read_only=True)
    item_type = serializers.CharField(source="content_type.model", read_only=True,
                                      help_text="What the card controls: assignment, case, accreditation, visit, …")
    item_id = serializers.IntegerField(source="object_id", read_only=True)

    class Meta:
        model = ControlCard
        fields = ["id", "title", "item_type", "item_id", "policy", "term_value", "term_unit", "start", "due", "state", "overdue",
                  "responsible_unit", "executor", "co_executors", "closed_at", "result"]


class CardFilter(PortalFilterSet):
    state = filters.ChoiceFilter(choices=ControlCard.State.choices)
    unit = filters.CharFilter(field_name="responsible_unit__slug", max_length=200)
    executor = IdFilter(field_name="executor_id")
    overdue = filters.BooleanFilter(method="filter_overdue")
    reported = filters.BooleanFilter(method="filter_reported", label="Reported on by the executor, waiting to be closed")
    due_after = BoundedIsoDateTimeFilter(field_name="due", lookup_expr="gte")
    due_before = BoundedIsoDateTimeFilter(field_name="due", lookup_expr="lte")

    class Meta:
        model = ControlCard
        fields = ["state", "unit", "executor", "overdue", "reported", "due_after", "due_before"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(state=ControlCard.State.OPEN, due__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_reported(self, queryset, name, value):
        return queryset.filter(reported_to_close()) if value else queryset.exclude(reported_to_close())


class ControlCardListApi(generics.ListAPIView):
    """Cards the user may see: of their units, or executed or co-executed by them."""

    serializer_class = CardSerializer
    filterset_class = CardFilter

    def get_queryset(self):
        return card_list(user=self.request.user)


class ControlCardDetailApi(APIView):
    """A control card you may see (404 otherwise), with the due date's explanation: policy, legal basis, skipped days."""

    @extend_schema(responses=CardSerializer)
    def get(self, request, pk):
        return Response(_card_detail(access_card(user=request.user, pk=pk), request.user))


def _card_detail(card, user):
    """The card, its due date's explanation, and what it controls: `item` {label, url (null when you may not open
    it), owned: the actions taken there rather than on the card}."""
    item = control_item(card, user=user)
    return {**CardSerializer(card).data, "explanation": control_explain(card=card),
            "item": {**item, "owned": sorted(item["owned"])} if item else None}


class _CardActionApi(APIView):
    InputSerializer = None  # each action names its own

    def act(self, card, data):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, pk):
        card = access_card(user=request.user, pk=pk)
        data = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        card = self.act(card, data)
        return Response(_card_detail(access_card(user=request.user, pk=card.pk), request.user))


class ControlCardExtendApi(_CardActionApi):
    """Extend the term by `value` (in the policy's extension unit) or to `new_due`, with the reason and legal basis: a head,
    deputy or acting head of the responsible unit or above, never beyond the policy's maximum."""

    class CardExtendInputSerializer(serializers.Serializer):
        value = serializers.IntegerField(min_value=1, max_value=3650, required=False)
        new_due = BoundedDateField(required=False)
        reason = serializers.CharField(max_length=2000)
        legal_basis = serializers.CharField(max_length=300)

    InputSerializer = CardExtendInputSerializer

    @extend_schema(request=CardExtendInputSerializer, responses=CardSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, card, data):
        return control_card_act(card=card, actor=self.request.user, action="extend", reason=data["reason"],
                                legal_basis=data["legal_basis"], value=data.get("value"), new_due=data.get("new_due"))


class ControlCardPauseApi(_CardActionApi):
    """Stop the clock with a reason (e.g. waiting for the appellant's clarification): the executor or a head of the
    responsible unit."""

    class CardPauseInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    InputSerializer = CardPauseInputSerializer

    @extend_schema(request=CardPauseInputSerializer, responses=CardSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, card, data):
        return control_card_act(card=card, actor=self.request.user, action="pause", reason=data["reason"])


class ControlCardResumeApi(_CardActionApi):
    """Restart the clock: the due date is recomputed from the working days that remained."""

    @extend_schema(request=None, responses=CardSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, card, data):
        return control_card_act(card=card, actor=self.request.user, action="resume")


class ControlCardReportApi(_CardActionApi):
    """The executor reports what was done; the controller then closes the card."""

    class CardReportInputSerializer(serializers.Serializer):
        report = serializers.CharField(max_length=5000)

    InputSerializer = CardReportInputSerializer

    @extend_schema(request=CardReportInputSerializer, responses=CardSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, card, data):
        return control_card_act(card=card, actor=self.request.user, action="report", report=data["report"])


class ControlCardCloseApi(_CardActionApi):
    """Take the card off control as done (with its result) or cancelled: the head of the responsible unit, their deputy
    or acting head, or the registry; the executor reports instead."""

    class CardCloseInputSerializer(serializers.Serializer):
        result = serializers.CharField(max_length=5000, required=False, allow_blank=True)
        cancelled = serializers.BooleanField(required=False, default=False)

    InputSerializer = CardCloseInputSerializer

    @extend_schema(request=CardCloseInputSerializer, responses=CardSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, card, data):
        return control_card_act(card=card, actor=self.request.user, action="close", result=data.get("result", ""),
                                cancelled=data["cancelled"])
