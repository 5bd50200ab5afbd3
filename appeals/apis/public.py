"""The public API for citizens' clients (a stable contract): submit an appeal or an information request
(Idempotency-Key honoured: a replay returns the same case), and follow a case by its tracking token."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from appeals.models import AnswerForm, AppealKind, Case, CaseType, Outcome, Urgency
from appeals.selectors import case_due, case_for_token, case_public_timeline, public_organisation
from appeals.services import case_submit, submission_errors, tracking_url
from core.contacts import contact_checked
from core.idempotency import idempotency_key_clean
from core.serializers import ServiceRules
from documents.apis.control import SkippedDaySerializer

__all__ = ["PublicAppealCreateApi", "PublicCaseApi", "PublicInformationRequestCreateApi"]


class ContactChecks:
    """The e-mail and the phone checked together with the other fields, so one answer names every mistake (the
    service checks them again, as it does for the pages)."""

    def validate_email(self, value):
        return contact_checked("email", value, serializers.ValidationError)

    def validate_phone(self, value):
        return contact_checked("phone", value, serializers.ValidationError)


class _CitizenInputSerializer(ContactChecks, serializers.Serializer):
    subject = serializers.CharField(max_length=300)
    text = serializers.CharField(max_length=20000)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=20)


class AppealInputSerializer(ServiceRules, _CitizenInputSerializer):
    kind = serializers.ChoiceField(choices=AppealKind.choices)
    is_collective = serializers.BooleanField(required=False, default=False)
    signatories = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, default=1)

    def rule_errors(self, values):
        return submission_errors(CaseType.APPEAL, values)


class InformationRequestInputSerializer(ServiceRules, _CitizenInputSerializer):
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default=Urgency.NONE)
    urgency_explanation = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    answer_form = serializers.ChoiceField(choices=AnswerForm.choices, required=False, default=AnswerForm.EMAIL)

    def rule_errors(self, values):
        return submission_errors(CaseType.INFORMATION_REQUEST, values)


class DueExplanationSerializer(serializers.Serializer):
    policy = serializers.CharField()
    policy_name = serializers.CharField()
    legal_basis = serializers.CharField()
    start = serializers.DateTimeField()
    term = serializers.DictField()
    skipped = SkippedDaySerializer(many=True, help_text="Non-working days the term skipped, with their names.")


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    text = serializers.CharField()
    direction = serializers.CharField(required=False, help_text="to_citizen or from_citizen for a message.")


class CaseCreatedSerializer(serializers.Serializer):
    registration_number = serializers.CharField()
    status = serializers.ChoiceField(choices=Case.State.choices)
    due = serializers.DateTimeField(allow_null=True, help_text="ISO 8601 with the offset (Asia/Baku).")
    due_explanation = DueExplanationSerializer(allow_null=True)
    tracking_token = serializers.CharField()
    tracking_url = serializers.CharField()


class PublicCaseSerializer(CaseCreatedSerializer):
    type = serializers.ChoiceField(choices=CaseType.choices)
    subject = serializers.CharField()
    status_label = serializers.CharField()
    timeline = TimelineEntrySerializer(many=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True,
                                      help_text="How the case ended: full, partial, refused, forwarded, not_considered.")
    answer = serializers.CharField(allow_null=True, help_text="The letter's text once the case is closed.")
    reason = serializers.CharField(allow_null=True, help_text="Why the case was not considered, when it was not.")


def _public(case, request, *, full=False):
    due = case_due(case, card=getattr(case, "registration_card", None))
    data = {
        "registration_number": case.number, "status": case.state,
        "due": timezone.localtime(due["card"].due).isoformat() if due else None,
        "due_explanation": due["explanation"] if due else None,  # the serializer keeps the documented keys
        "tracking_token": case.tracking_token, "tracking_url": request.build_absolute_uri(tracking_url(case)),
    }
    if full:
        data.update(type=case.case_type, subject=case.subject, status_label=str(case.get_state_display()),
                    timeline=case_public_timeline(case=case),
                    outcome=case.outcome, answer=case.answer_text if case.is_closed and case.answer_text else None,
                    reason=case.outcome_reason_text if case.state == Case.State.NOT_CONSIDERED else None)
        return PublicCaseSerializer(data).data
    return CaseCreatedSerializer(data).data


class _PublicCreateApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "appeal_submit"
    case_type = None
    input_serializer = None

    def post(self, request):
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        attachments = values.pop("attachments")
        case, created = case_submit(organisation=public_organisation(), case_type=self.case_type, data=values,
                                    attachments=attachments, idempotency_key=idempotency_key_clean(request.headers.get("Idempotency-Key")))
        return Response(_public(case, request), status=201 if created else 200)


_KEY = OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
                        description="Any unique string; a retry with the same key returns the case the first call created (200).")


class PublicAppealCreateApi(_PublicCreateApi):
    """Submit an appeal (no account). 201 with the registration number, the due date and its explanation, and
    the private tracking link; a replay with the same Idempotency-Key returns the same case with 200."""

    case_type = CaseType.APPEAL
    input_serializer = AppealInputSerializer

    @extend_schema(request={"application/json": AppealInputSerializer, "multipart/form-data": AppealInputSerializer},
                   parameters=[_KEY], responses={201: CaseCreatedSerializer, 200: CaseCreatedSerializer}, auth=[])
    def post(self, request):
        return super().post(request)


class PublicInformationRequestCreateApi(_PublicCreateApi):
    """Submit an information request (no account): as for an appeal; the term follows the urgency ground."""

    case_type = CaseType.INFORMATION_REQUEST
    input_serializer = InformationRequestInputSerializer

    @extend_schema(request={"application/json": InformationRequestInputSerializer,
                            "multipart/form-data": InformationRequestInputSerializer},
                   parameters=[_KEY], responses={201: CaseCreatedSerializer, 200: CaseCreatedSerializer}, auth=[])
    def post(self, request):
        return super().post(request)


class PublicCaseApi(APIView):
    """A case by its tracking token: status, timeline, due date with its explanation, the answer. An unknown or
    malformed token is a 404."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=PublicCaseSerializer, auth=[])
    def get(self, request, token):
        return Response(_public(case_for_token(token=token), request, full=True))
