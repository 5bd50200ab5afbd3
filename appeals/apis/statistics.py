"""Open data: the month's aggregated statistics of citizens' cases, as JSON and as CSV. Counts only: no name,
contact, subject or text of any case is reachable from here."""

import csv
from io import StringIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.selectors import public_organisation
from appeals.statistics import case_statistics, parse_month, previous_month, statistics_csv_rows
from core.api import file_renderers
from core.exceptions import ApplicationError

__all__ = ["PublicStatisticsApi", "PublicStatisticsCsvApi"]

CSV = "text/csv"
_MONTH = OpenApiParameter("month", str, required=False, pattern=r"^\d{4}-\d{2}$",
                          description="YYYY-MM; last month when left out.")


class StatisticsCountsSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    forwarded = serializers.IntegerField()
    not_considered = serializers.IntegerField()
    open = serializers.IntegerField()
    median_working_days = serializers.FloatField(allow_null=True)


class StatisticsUnitSerializer(StatisticsCountsSerializer):
    unit = serializers.CharField()


class StatisticsGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    month = serializers.CharField()
    organisation = serializers.CharField()
    totals = StatisticsCountsSerializer()
    by_type = StatisticsGroupSerializer(many=True)
    by_kind = StatisticsGroupSerializer(many=True)
    by_channel = StatisticsGroupSerializer(many=True)
    by_unit = StatisticsUnitSerializer(many=True)


def _statistics(request):
    raw = request.query_params.get("month")
    month = parse_month(raw) if raw else previous_month()
    if month is None:
        message = _("Give the month as YYYY-MM, e.g. 2026-10.")
        raise ApplicationError(message, fields={"month": [message]})
    return case_statistics(organisation=public_organisation(), month=month)


class PublicStatisticsApi(APIView):
    """Cases received in a month: by type, kind, channel and unit; closed on time and late, forwarded, not
    considered, still open; the median working days to the outcome."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(parameters=[_MONTH], responses=StatisticsSerializer, auth=[])
    def get(self, request):
        return Response(StatisticsSerializer(_statistics(request)).data)


class PublicStatisticsCsvApi(APIView):
    """The same figures as CSV (month, dimension, group, measure, value)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    renderer_classes = file_renderers(CSV)

    @extend_schema(parameters=[_MONTH], responses={(200, CSV): OpenApiResponse(OpenApiTypes.STR)}, auth=[])
    def get(self, request):
        stats = _statistics(request)
        buffer = StringIO()
        csv.writer(buffer).writerows(statistics_csv_rows(stats))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="appeals-statistics-{stats["month"]}.csv"'
        return response
