"""Execution through the API: resolutions, reports, handing on, accepting or returning reports. Every object
is reached through a document the user may see (404 otherwise)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.bounds import MAX_ID
from core.exceptions import ApplicationError
from core.serializers import BoundedDateField
from documents.apis.attachments import AttachmentSerializer
from documents.models import POLICY_CODE_PATTERN, Assignment, AssignmentReport, ControlCard
from documents.selectors import access_assignment, access_document, access_report, reports_to_decide
from documents.services.attachments import attachments_attach, attachments_of
from documents.services.execution import (
    ExecutorTerm,
    assignment_hand_on,
    assignment_report,
    report_accept,
    report_return,
    resolution_write,
)
from units.models import Unit

__all__ = ["AssignmentHandOnApi", "AssignmentReportApi", "ReportDecisionApi", "ReportsToDecideApi", "ResolutionCreateApi"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    card = serializers.SerializerMethodField()
    due = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "role", "unit", "executor", "parent", "card", "due", "state"]

    def _card(self, assignment):
        cards = self.context.setdefault("cards", {})
        if assignment.pk not in cards:
            cards[assignment.pk] = ControlCard.objects.filter(content_type__app_label="documents", content_type__model="assignment",
                                                              object_id=assignment.pk).first()
        return cards[assignment.pk]

    def get_card(self, assignment) -> int | None:
        """The card's id, or null when the reader may not open the card (its term and state are still given)."""
        card = self._card(assignment)
        return card.pk if card and getattr(card, "openable", True) else None

    def get_due(self, assignment) -> str | None:
        card = self._card(assignment)
        return timezone.localtime(card.due).isoformat() if card else None

    def get_state(self, assignment) -> str | None:
        card = self._card(assignment)
        return card.state if card else None


class ResolutionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.StringRelatedField()
    created_at = serializers.DateTimeField()
    assignments = AssignmentSerializer(many=True)


class ReportSerializer(serializers.ModelSerializer):
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = AssignmentReport
        fields = ["id", "assignment", "author", "text", "created_at", "outcome", "decided_by", "decided_at", "comment",
                  "attachments"]

    @extend_schema(responses=AttachmentSerializer(many=True))
    def get_attachments(self, report) -> list[dict]:
        files = report.files if hasattr(report, "files") else attachments_of(report)  # a page's reports come with theirs
        return AttachmentSerializer(files, many=True).data


class ExecutionAssignmentSerializer(AssignmentSerializer):
    """A part of the work as its document's reader sees it: its reports, and what the reader may do on it."""

    reports = ReportSerializer(many=True, source="listed_reports")
    may_report = serializers.BooleanField()
    may_decide = serializers.BooleanField()
    may_hand_on = serializers.BooleanField()

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "reports", "may_report", "may_decide", "may_hand_on"]


class ExecutionResolutionSerializer(ResolutionSerializer):
    assignments = ExecutionAssignmentSerializer(many=True, source="listed_assignments")


def execution_data(execution):
    """The document's resolutions for the API from `document_execution`'s rows (whose reads they reuse)."""
    cards = {}
    for row in execution:
        row["resolution"].listed_assignments = []
        for entry in row["assignments"]:
            assignment = entry["assignment"]
            assignment.listed_reports = entry["reports"]
            assignment.may_report, assignment.may_decide, assignment.may_hand_on = (
                bool(entry["may_report"]), bool(entry["may_decide"]), bool(entry["may_hand_on"]))
            cards[assignment.pk] = entry["card"]
            row["resolution"].listed_assignments.append(assignment)
    return ExecutionResolutionSerializer([row["resolution"] for row in execution], many=True, context={"cards": cards}).data


class ReportsToDecideApi(generics.ListAPIView):
    """Execution reports waiting for your decision (on the work you gave, in the units you head), the oldest first."""

    class WaitingReportSerializer(ReportSerializer):
        document = serializers.IntegerField(source="assignment.document_id")
        document_number = serializers.CharField(source="assignment.document.number")
        document_subject = serializers.CharField(source="assignment.document.subject")
        unit = serializers.CharField(source="assignment.unit.slug")

        class Meta(ReportSerializer.Meta):
            fields = ["document", "document_number", "document_subject", "unit", *ReportSerializer.Meta.fields]

    serializer_class = WaitingReportSerializer
    queryset = AssignmentReport.objects.none()  # for the schema; list below is what runs

    def list(self, request, *args, **kwargs):
        page = attachments_attach(self.paginate_queryset(reports_to_decide(user=request.user)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _unit(slug, field):
    unit = Unit.objects.filter(slug=slug).first()
    if unit is None:
        message = _("No such unit.")
        raise ApplicationError(message, fields={field: [message]})
    return unit


def _user(pk, field):
    if pk is None:
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None:
        message = _("No such person.")
        raise ApplicationError(message, fields={field: [message]})
    return user


class ExecutorInputSerializer(serializers.Serializer):
    """One executor and, optionally, their own term (a policy code or a date)."""

    unit = serializers.SlugField(max_length=200)
    executor = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)
    policy = serializers.RegexField(POLICY_CODE_PATTERN, max_length=64, required=False, allow_null=True, default=None)
    due_date = BoundedDateField(required=False, allow_null=True, default=None)


class ResolutionCreateApi(APIView):
    """A head's resolution on a document: the first executor is responsible, the others co-executors; each
    gets an assignment under control with its own term: the executor's `policy` or `due_date`, else the
    resolution's. An error about the n-th executor names the field `executors.<n>.<name>`."""

    class ResolutionInputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=5000)
        executors = ExecutorInputSerializer(many=True, min_length=1, max_length=20)
        policy = serializers.RegexField(POLICY_CODE_PATTERN, max_length=64, required=False, default="document.default")
        due_date = BoundedDateField(required=False, allow_null=True, default=None)

    @extend_schema(request=ResolutionInputSerializer, responses={201: ResolutionSerializer})
    def post(self, request, pk):
        document = access_document(user=request.user, pk=pk)
        data = self.ResolutionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        executors = [ExecutorTerm(_unit(e["unit"], f"executors.{n}.unit"), _user(e["executor"], f"executors.{n}.executor"),
                                  e["policy"], e["due_date"]) for n, e in enumerate(values["executors"])]
        resolution = resolution_write(actor=request.user, document=document, text=values["text"], executors=executors,
                                      policy_code=values["policy"], due_date=values["due_date"])
        return Response(ResolutionSerializer(resolution).data, status=201)


class AssignmentReportApi(APIView):
    """The executor's execution report, with files (multipart field `attachments`)."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    class ReportInputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=10000)
        attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=20)

    @extend_schema(request={"multipart/form-data": ReportInputSerializer}, responses={201: ReportSerializer})
    def post(self, request, pk):
        assignment = access_assignment(user=request.user, pk=pk)
        data = self.ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = assignment_report(actor=request.user, assignment=assignment, text=data.validated_data["text"],
                                   attachments=data.validated_data["attachments"])
        return Response(ReportSerializer(report).data, status=201)


class AssignmentHandOnApi(APIView):
    """Hand part of the work on inside the executing unit; the term cannot be later than the parent's."""

    class HandOnInputSerializer(serializers.Serializer):
        unit = serializers.SlugField(max_length=200)
        executor = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)
        due_date = BoundedDateField(required=False, allow_null=True, default=None)

    @extend_schema(request=HandOnInputSerializer, responses={201: AssignmentSerializer})
    def post(self, request, pk):
        parent = access_assignment(user=request.user, pk=pk)
        data = self.HandOnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = assignment_hand_on(actor=request.user, parent=parent, unit=_unit(values["unit"], "unit"),
                                   user=_user(values["executor"], "executor"), due_date=values["due_date"])
        return Response(AssignmentSerializer(child).data, status=201)


class _DecisionInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ReportDecisionApi(APIView):
    """The controller accepts the report (the assignment is removed from control) or returns it with a
    comment (the assignment stays under control)."""

    decision = None  # "accept" | "return", set in the URL configuration

    @extend_schema(request=_DecisionInputSerializer, responses=ReportSerializer)
    def post(self, request, pk):
        report = access_report(user=request.user, pk=pk)
        data = _DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decide = report_accept if self.decision == "accept" else report_return
        return Response(ReportSerializer(decide(actor=request.user, report=report, comment=data.validated_data["comment"])).data)
