"""The staff's API on citizens' cases: the list (the page's filters, 50 a page by cursor, no count), registration
of cases received by post, e-mail, phone or at a reception, a case with its term, timeline and earlier cases of
the same person, and one endpoint per workflow step. Visibility as on the pages: anyone else gets 404."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.apis.public import (
    AppealInputSerializer,
    DueExplanationSerializer,
    InformationRequestInputSerializer,
)
from appeals.filters import CaseFilter
from appeals.models import AnswerForm, AppealKind, Case, CaseType, Channel, ExternalBody, Outcome, Urgency
from appeals.repeats import repeat_summary
from appeals.selectors import access_case, case_due, case_staff_timeline, public_organisation
from appeals.services import (
    case_actions,
    case_answer,
    case_ask_clarification,
    case_assign,
    case_extend,
    case_extra_study,
    case_route,
    case_submit,
)
from core.bounds import MAX_ID
from core.exceptions import ApplicationError
from core.idempotency import idempotency_key_clean
from core.serializers import BoundedDateTimeField

__all__ = ["CaseAnswerApi", "CaseAssignApi", "CaseClarifyApi", "CaseDetailApi", "CaseExtendApi", "CaseExtraStudyApi",
           "CaseForwardApi", "CaseListCreateApi", "CaseRouteApi", "ExternalBodyListApi"]


class CasePagination(CursorPagination):
    """Newest first, 50 a page, no total count: the cost of a page does not grow with the registry."""

    ordering = ("-received_at", "-id")
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200


class CaseSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    executor = serializers.StringRelatedField()

    class Meta:
        model = Case
        fields = ["id", "number", "case_type", "kind", "channel", "received_at", "subject", "state", "outcome", "unit",
                  "executor"]
        read_only_fields = fields


class EarlierCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "number", "subject", "state", "received_at", "answered_at"]


class StaffTimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.CharField(allow_null=True)
    text = serializers.CharField()
    direction = serializers.CharField(required=False)


class CaseDetailSerializer(CaseSerializer):
    suggested_unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    forwarded_to = serializers.StringRelatedField()
    due = serializers.DateTimeField(allow_null=True)
    due_explanation = DueExplanationSerializer(allow_null=True)
    timeline = StaffTimelineEntrySerializer(many=True)
    earlier_cases = EarlierCaseSerializer(many=True, help_text="The same person's earlier cases on a similar subject.")
    earlier_cases_elsewhere = serializers.IntegerField(help_text="More such cases, in units you do not see.")
    answered_last_year = serializers.IntegerField(help_text="Reasoned answers among all of them in the 12 months before.")
    actions = serializers.ListField(child=serializers.CharField(), help_text="The workflow steps you may take now.")

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "text", "name", "email", "phone", "address", "is_collective", "signatories",
                  "urgency", "urgency_explanation", "answer_form", "suggested_unit", "suggested_clauses", "answer_text",
                  "answered_at", "outcome_reason", "refusal_ground", "not_considered_ground", "forwarded_to", "repeat_of",
                  "publish_consent", "contested_count", "due", "due_explanation", "timeline", "earlier_cases",
                  "earlier_cases_elsewhere", "answered_last_year", "actions"]
        read_only_fields = fields


def _detail(user, case):
    case = access_case(user=user, pk=case.pk)
    due = case_due(case)
    repeats = repeat_summary(case, user=user)
    data = {field: getattr(case, field) for field in CaseDetailSerializer.Meta.fields if hasattr(case, field)}
    data.update(
        due=due["card"].due if due else None, due_explanation=due["explanation"] if due else None,
        timeline=[{**event, "who": str(event["who"]) if event["who"] else None} for event in case_staff_timeline(case=case)],
        earlier_cases=repeats["earlier"], earlier_cases_elsewhere=repeats["elsewhere"],
        answered_last_year=repeats["answered_last_year"],
        actions=sorted(case_actions(user=user, case=case)),
    )
    return CaseDetailSerializer(data).data


class RegisterInputSerializer(AppealInputSerializer, InformationRequestInputSerializer):
    case_type = serializers.ChoiceField(choices=CaseType.choices)
    channel = serializers.ChoiceField(choices=Channel.choices, help_text="How it arrived: post, email, phone or reception.")
    received_at = BoundedDateTimeField(help_text="When the case arrived: its term counts from here.")
    kind = serializers.ChoiceField(choices=AppealKind.choices, required=False, allow_blank=True, default="")
    answer_form = serializers.ChoiceField(choices=AnswerForm.choices, required=False, default=AnswerForm.POST)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default=Urgency.NONE)
    language = serializers.ChoiceField(choices=["az", "ru", "en"], required=False, default="az",
                                       help_text="The language of the letters to the citizen.")

    def validate_channel(self, value):
        if value == Channel.ONLINE:
            raise serializers.ValidationError(_("Online cases register themselves; choose how this one arrived."))
        return value


class CaseListCreateApi(generics.ListCreateAPIView):
    """Cases you may see, newest first (filters as on the page); POST registers a case received by post, e-mail,
    phone or at a reception (the registry only), with the moment of receipt."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    pagination_class = CasePagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = Case.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return Case.objects.visible_to(self.request.user).select_related("unit", "executor")

    @extend_schema(request={"application/json": RegisterInputSerializer, "multipart/form-data": RegisterInputSerializer},
                   responses={201: CaseDetailSerializer, 200: CaseDetailSerializer})
    def post(self, request):
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        attachments = values.pop("attachments")
        case_type, channel, received_at = values.pop("case_type"), values.pop("channel"), values.pop("received_at")
        case, created = case_submit(organisation=public_organisation(), case_type=case_type, data=values, attachments=attachments,
                                    channel=channel, received_at=received_at, actor=request.user,
                                    idempotency_key=idempotency_key_clean(request.headers.get("Idempotency-Key")))
        return Response(_detail(request.user, case), status=201 if created else 200)


class CaseDetailApi(APIView):
    """A case with its due date and how it was computed, the timeline (who, when, what), the same person's earlier
    cases on a similar subject, and the steps you may take now."""

    @extend_schema(responses=CaseDetailSerializer)
    def get(self, request, pk):
        return Response(_detail(request.user, access_case(user=request.user, pk=pk)))


class ExternalBodyListApi(generics.ListAPIView):
    """The bodies a case may be forwarded to."""

    class ExternalBodySerializer(serializers.ModelSerializer):
        class Meta:
            model = ExternalBody
            fields = ["id", "name", "email", "address"]

    serializer_class = ExternalBodySerializer
    pagination_class = None
    queryset = ExternalBody.objects.filter(is_active=True).order_by("name")


def _object(queryset, pk, field, message):
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        raise ApplicationError(message, fields={field: [message]})
    return found


class _CaseActionApi(APIView):
    InputSerializer = None

    def act(self, case, data):  # pragma: no cover - each step names its own
        raise NotImplementedError

    def post(self, request, pk):
        case = access_case(user=request.user, pk=pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.act(case, data.validated_data)
        return Response(_detail(request.user, case))


class CaseRouteApi(_CaseActionApi):
    """The registry sends the case to the competent unit."""

    class CaseRouteInputSerializer(serializers.Serializer):
        unit = serializers.SlugField(max_length=200)

    InputSerializer = CaseRouteInputSerializer

    @extend_schema(request=CaseRouteInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        from units.models import Unit

        unit = Unit.objects.filter(slug=data["unit"], is_active=True).first()
        if unit is None:
            raise ApplicationError(_("No such unit."), fields={"unit": [_("No such unit.")]})
        case_route(actor=self.request.user, case=case, unit=unit)


class CaseAssignApi(_CaseActionApi):
    """A head of the unit names the executor."""

    class CaseAssignInputSerializer(serializers.Serializer):
        executor = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    InputSerializer = CaseAssignInputSerializer

    @extend_schema(request=CaseAssignInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        from core.models import User

        executor = _object(User.objects.filter(is_active=True), data["executor"], "executor", _("No such person."))
        case_assign(actor=self.request.user, case=case, executor=executor)


class CaseClarifyApi(_CaseActionApi):
    """Ask the citizen to clarify: the clock stops until the reply."""

    class CaseClarifyInputSerializer(serializers.Serializer):
        question = serializers.CharField(max_length=5000)

    InputSerializer = CaseClarifyInputSerializer

    @extend_schema(request=CaseClarifyInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        case_ask_clarification(actor=self.request.user, case=case, question=data["question"])


class CaseAnswerApi(_CaseActionApi):
    """The decision as a letter to the head's signature: in full; for information in part or refused on a legal
    ground (`ground` from RefusalGround); for an appeal, left unconsidered (`ground` from NotConsideredGround)."""

    class CaseAnswerInputSerializer(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=Outcome.choices, default=Outcome.FULL,
                                          help_text="Forwarding has its own endpoint (forward/).")
        ground = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        text = serializers.CharField(max_length=50000)
        signer = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None,
                                          help_text="Who signs; the unit's head when left out.")

    InputSerializer = CaseAnswerInputSerializer

    @extend_schema(request=CaseAnswerInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        from units.selectors import unit_staff

        if data["outcome"] == Outcome.FORWARDED:
            message = _("Forward the case through its own step, naming the body.")
            raise ApplicationError(message, fields={"outcome": [message]})
        signer = None
        if data["signer"]:
            signer = _object(unit_staff(unit=case.organisation), data["signer"], "signer", _("No such person."))
        case_answer(actor=self.request.user, case=case, text=data["text"], outcome=data["outcome"], ground=data["ground"],
                    signer=signer)


class CaseForwardApi(_CaseActionApi):
    """Forward the case to the competent body (its own notice term); the citizen receives a copy when signed."""

    class CaseForwardInputSerializer(serializers.Serializer):
        body = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="An id from /appeals/bodies/.")
        text = serializers.CharField(max_length=20000)

    InputSerializer = CaseForwardInputSerializer

    @extend_schema(request=CaseForwardInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        body = _object(ExternalBody.objects.filter(is_active=True), data["body"], "body", _("Choose the body the case goes to."))
        case_answer(actor=self.request.user, case=case, text=data["text"], outcome=Outcome.FORWARDED, body=body)


class CaseExtraStudyApi(_CaseActionApi):
    """An appeal needing extra study: 30 working days from registration; the citizen is told."""

    class CaseExtraStudyInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    InputSerializer = CaseExtraStudyInputSerializer

    @extend_schema(request=CaseExtraStudyInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        case_extra_study(actor=self.request.user, case=case, reason=data["reason"])


class CaseExtendApi(_CaseActionApi):
    """A head of the unit extends the term by working days (within the law's maximum); the citizen is told."""

    class CaseExtendInputSerializer(serializers.Serializer):
        days = serializers.IntegerField(min_value=1, max_value=30)
        reason = serializers.CharField(max_length=2000)

    InputSerializer = CaseExtendInputSerializer

    @extend_schema(request=CaseExtendInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, case, data):
        case_extend(actor=self.request.user, case=case, days=data["days"], reason=data["reason"])
