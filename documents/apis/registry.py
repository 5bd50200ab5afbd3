"""The registry API: list (filtered), register (idempotent), read, and attach files."""

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError, PermissionDeniedError
from core.filters import BoundedDateFilter, IdFilter, PortalFilterSet
from core.idempotency import idempotency_key_clean
from core.serializers import BoundedDateField, PortalModelSerializer, ServiceRules
from documents.apis.attachments import AttachmentSerializer
from documents.apis.execution import ExecutionResolutionSerializer, execution_data
from documents.models import AccessLevel, CaseFile, Direction, Document
from documents.selectors import access_document, document_detail, document_list
from documents.services.attachments import attachment_add_many
from documents.services.registry import document_register, registration_errors, user_may_register_for
from units.models import Unit

__all__ = ["DocumentAttachmentsApi", "DocumentDetailApi", "DocumentListApi"]


class DocumentSerializer(PortalModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    case_file = serializers.SlugRelatedField(slug_field="index", read_only=True)
    registered_by = serializers.StringRelatedField()

    class Meta:
        model = Document
        fields = ["id", "number", "direction", "registered_at", "registered_by", "unit", "case_file", "correspondent",
                  "correspondent_number", "correspondent_date", "subject", "summary", "access_level", "pages",
                  "in_reply_to", "supersedes", "state"]
        read_only_fields = fields


class RegistryPagination(CursorPagination):
    """Newest first, 50 a page, no total count: the registry of a ministry grows to millions of documents,
    and counting them on every page would make each page slower as the registry grows."""

    ordering = ("-registered_at", "-id")
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200


class DocumentFilter(PortalFilterSet):
    direction = filters.ChoiceFilter(choices=Direction.choices)
    state = filters.ChoiceFilter(choices=Document.State.choices)
    # whole days in the portal's time zone, as a range on the moment itself so the index on it serves
    registered_from = BoundedDateFilter(method="filter_registered_from")
    registered_to = BoundedDateFilter(method="filter_registered_to")
    correspondent = filters.CharFilter(lookup_expr="icontains", max_length=300)
    number = filters.CharFilter(lookup_expr="icontains", max_length=60)
    text = filters.CharFilter(method="filter_text", max_length=200, label="our or their number, subject, correspondent or summary contains")
    unit = filters.CharFilter(field_name="unit__slug", max_length=200)
    case_file = IdFilter(field_name="case_file_id")

    class Meta:
        model = Document
        fields = ["direction", "state", "registered_from", "registered_to", "correspondent", "number", "text", "unit", "case_file"]

    def filter_registered_from(self, queryset, name, value):
        return queryset.registered_between(first=value)

    def filter_registered_to(self, queryset, name, value):
        return queryset.registered_between(last=value)

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)


class DocumentRegisterInputSerializer(ServiceRules, serializers.Serializer):
    unit = serializers.SlugField(max_length=200, help_text="The unit the document belongs to (slug).")
    direction = serializers.ChoiceField(choices=Direction.choices)
    subject = serializers.CharField(max_length=500)
    correspondent = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    correspondent_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    correspondent_date = BoundedDateField(required=False, allow_null=True, default=None)
    summary = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    access_level = serializers.ChoiceField(choices=AccessLevel.choices, required=False, default=AccessLevel.INTERNAL)
    pages = serializers.IntegerField(min_value=1, max_value=10000, required=False, default=1)
    case_file = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None)
    in_reply_to = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    def rule_errors(self, values):
        # the rules between fields; those about the unit's organisation follow once the unit and case file are found
        return registration_errors(unit=None, direction=values.get("direction"), subject=values.get("subject"),
                                   correspondent=values.get("correspondent"), correspondent_date=values.get("correspondent_date"),
                                   case_file=None)


def _visible_or_field_error(queryset, pk, field):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        message = _("No such item, or not visible to you.")
        raise ApplicationError(message, fields={field: [message]})
    return found


class DocumentListApi(generics.ListAPIView):
    """The registry: documents you may see, newest first. POST registers one (send `Idempotency-Key` to make
    a retry safe: the same key returns the document registered the first time, with 200 instead of 201)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    pagination_class = RegistryPagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return document_list(user=self.request.user)

    @extend_schema(request=DocumentRegisterInputSerializer, responses={201: DocumentSerializer, 200: DocumentSerializer},
                   parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)])
    def post(self, request):
        data = DocumentRegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        key = idempotency_key_clean(request.headers.get("Idempotency-Key"))
        unit = Unit.objects.filter(slug=values["unit"]).first()
        if unit is None:
            message = _("No such unit.")
            raise ApplicationError(message, fields={"unit": [message]})
        visible = Document.objects.visible_to(request.user)
        case_file = _visible_or_field_error(CaseFile.objects.filter(organisation_id=unit.organisation_id), values["case_file"], "case_file")
        document, created = document_register(
            actor=request.user, unit=unit, direction=values["direction"], subject=values["subject"],
            correspondent=values["correspondent"], correspondent_number=values["correspondent_number"],
            correspondent_date=values["correspondent_date"], summary=values["summary"], access_level=values["access_level"],
            pages=values["pages"], case_file=case_file,
            in_reply_to=_visible_or_field_error(visible, values["in_reply_to"], "in_reply_to"),
            attachments=values["attachments"], idempotency_key=key,
        )
        return Response(DocumentSerializer(document).data, status=201 if created else 200)


class DocumentDetailApi(APIView):
    """A registered document you may see (404 otherwise), with its attachments and its execution: each resolution's
    parts of the work, their terms, reports and what you may do on each (`may_report`, `may_decide`, `may_hand_on`)."""

    class DocumentDetailSerializer(DocumentSerializer):
        attachments = AttachmentSerializer(many=True)
        resolutions = ExecutionResolutionSerializer(many=True)

        class Meta(DocumentSerializer.Meta):
            fields = [*DocumentSerializer.Meta.fields, "attachments", "resolutions"]

    @extend_schema(responses=DocumentDetailSerializer)
    def get(self, request, pk):
        detail = document_detail(user=request.user, pk=pk)
        return Response({**DocumentSerializer(detail["document"]).data,
                         "attachments": AttachmentSerializer(detail["attachments"], many=True).data,
                         "resolutions": execution_data(detail["execution"])})


class DocumentAttachmentsApi(APIView):
    """Attach files to a document (multipart, field `attachments`, one or more)."""

    parser_classes = [MultiPartParser]

    class AttachmentsInputSerializer(serializers.Serializer):
        attachments = serializers.ListField(child=serializers.FileField(), min_length=1)

    @extend_schema(request={"multipart/form-data": AttachmentsInputSerializer}, responses={201: AttachmentSerializer(many=True)})
    def post(self, request, pk):
        document = access_document(user=request.user, pk=pk)
        data = self.AttachmentsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not user_may_register_for(user=request.user, unit=document.unit) and document.registered_by_id != request.user.pk:
            raise PermissionDeniedError(_("Only the registry or a head of the unit may attach files to this document."))
        created = attachment_add_many(item=document, uploads=data.validated_data["attachments"], actor=request.user)
        return Response(AttachmentSerializer(created, many=True).data, status=201)


class CaseFileSerializer(PortalModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = CaseFile
        fields = ["id", "index", "title", "unit", "year", "retention_years", "legal_basis", "closed_at", "legal_hold",
                  "legal_hold_reason", "disposed_at"]
        read_only_fields = fields


class CaseFileListApi(generics.ListAPIView):
    """The nomenclature: case files of the units you may see."""

    serializer_class = CaseFileSerializer
    filterset_fields = ["year", "legal_hold"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CaseFile.objects.none()
        return (CaseFile.objects.filter(unit__in=Unit.objects.visible_to(self.request.user))
                .select_related("unit").order_by("year", "index"))


__all__ += ["CaseFileListApi"]
