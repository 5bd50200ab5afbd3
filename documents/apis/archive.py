"""The archive through the API: a unit's transfer list for a year (JSON or XLSX) and disposal acts (drawn up
by the registry or a head, approved by a head, refused for files under a legal hold or still in retention).
Only units the user registers for or manages are reachable; any other is a 404."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import XLSX, file_renderers
from core.bounds import MAX_ID
from core.exceptions import ApplicationError
from core.spreadsheets import xlsx_response
from documents.models import CaseFile, DisposalAct
from documents.services.archive import (
    archive_transfer_list,
    archive_transfer_sheets,
    disposal_act_approve,
    disposal_act_create,
)
from units.selectors import units_user_may_register_for

__all__ = ["ArchiveTransferListApi", "ArchiveTransferListXlsxApi", "DisposalActApproveApi", "DisposalActListCreateApi"]


class TransferRowSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    documents_count = serializers.IntegerField()

    class Meta:
        model = CaseFile
        fields = ["id", "index", "title", "unit", "year", "documents_count", "retention_years", "legal_basis", "closed_at"]


class DisposalActSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    case_files = serializers.SlugRelatedField(slug_field="index", many=True, read_only=True)
    created_by = serializers.StringRelatedField()
    approved_by = serializers.StringRelatedField()

    class Meta:
        model = DisposalAct
        fields = ["id", "unit", "case_files", "state", "created_by", "created_at", "approved_by", "approved_at"]


class TransferListQuerySerializer(serializers.Serializer):
    unit = serializers.SlugField(max_length=200)
    year = serializers.IntegerField(min_value=1900, max_value=2200)


def _archive_unit(user, slug):
    unit = units_user_may_register_for(user=user).filter(slug=slug).first()
    if unit is None:
        raise Http404
    return unit


def _transfer_rows(request):
    query = TransferListQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    unit = _archive_unit(request.user, query.validated_data["unit"])
    return unit, query.validated_data["year"], archive_transfer_list(unit=unit, year=query.validated_data["year"])


_TRANSFER_PARAMETERS = [OpenApiParameter("unit", str, required=True, description="The unit's slug."),
                        OpenApiParameter("year", int, required=True, description="The year the case files were kept.")]


class ArchiveTransferListApi(APIView):
    """The closed case files a unit (and the units below it) hands to the archive for a year."""

    @extend_schema(parameters=_TRANSFER_PARAMETERS, responses=TransferRowSerializer(many=True))
    def get(self, request):
        _unit, _year, rows = _transfer_rows(request)
        return Response(TransferRowSerializer(rows, many=True).data)


class ArchiveTransferListXlsxApi(APIView):
    """The same transfer list as a spreadsheet."""

    renderer_classes = file_renderers(XLSX)

    @extend_schema(parameters=_TRANSFER_PARAMETERS, responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request):
        unit, year, rows = _transfer_rows(request)
        return xlsx_response(f"archive-transfer-{unit.slug}-{year}.xlsx", archive_transfer_sheets(rows=rows))


class DisposalActListCreateApi(generics.ListCreateAPIView):
    """Disposal acts of the units you register for or manage; POST draws one up for a unit's case files."""

    serializer_class = DisposalActSerializer
    filterset_fields = ["state"]
    queryset = DisposalAct.objects.none()  # for the schema; get_queryset below is what runs

    class DisposalInputSerializer(serializers.Serializer):
        unit = serializers.SlugField(max_length=200)
        case_files = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                           max_length=500)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DisposalAct.objects.none()
        return (DisposalAct.objects.filter(unit__in=units_user_may_register_for(user=self.request.user))
                .select_related("unit", "created_by", "approved_by")
                .prefetch_related(Prefetch("case_files", queryset=CaseFile.objects.order_by("index"))).order_by("-created_at", "-id"))

    @extend_schema(request=DisposalInputSerializer, responses={201: DisposalActSerializer})
    def post(self, request):
        data = self.DisposalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = units_user_may_register_for(user=request.user).filter(slug=data.validated_data["unit"]).first()
        if unit is None:
            message = _("Choose a unit whose archive you keep.")
            raise ApplicationError(message, fields={"unit": [message]})
        ids = data.validated_data["case_files"]
        case_files = list(CaseFile.objects.filter(pk__in=ids, unit__path__startswith=unit.path).select_related("unit"))
        if len(case_files) != len(set(ids)):
            message = _("Every case file must belong to the unit.")
            raise ApplicationError(message, fields={"case_files": [message]})
        act = disposal_act_create(actor=request.user, unit=unit, case_files=case_files)
        return Response(DisposalActSerializer(act).data, status=201)


class DisposalActApproveApi(APIView):
    """A head of the unit approves the act: its case files are marked destroyed (refused with the reasons if a
    file is under a legal hold or its retention has not ended)."""

    @extend_schema(request=None, responses=DisposalActSerializer)
    def post(self, request, pk):
        act = (DisposalAct.objects.filter(unit__in=units_user_may_register_for(user=request.user), pk=pk)
               .select_related("unit").first())
        if act is None:
            raise Http404
        act = disposal_act_approve(actor=request.user, act=act)
        return Response(DisposalActSerializer(act).data)
