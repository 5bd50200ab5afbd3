from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from units.importer.parse import MAX_TEXT_BYTES, parse_text
from units.models import Clause, Regulation, Unit
from units.selectors import clause_search, unit_detail, unit_suggest_for_text, unit_tree


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "parent", "kind", "name", "name_az", "name_ru", "name_en", "short_name", "slug", "order"]


class ClauseSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Clause
        fields = ["id", "number", "kind", "text", "unit", "regulation"]


class UnitTreeApi(APIView):
    """The ministry's structure (public): every active unit in tree order, with its level for indentation."""

    permission_classes = [AllowAny]

    class UnitTreeNodeSerializer(UnitSerializer):
        level = serializers.IntegerField()

        class Meta(UnitSerializer.Meta):
            fields = [*UnitSerializer.Meta.fields, "level"]

    @extend_schema(responses=UnitTreeNodeSerializer(many=True))
    def get(self, request):
        return Response(self.UnitTreeNodeSerializer(unit_tree(), many=True).data)


class UnitDetailApi(APIView):
    """A unit with its parent, sub-units, regulations and clauses in force grouped by kind."""

    permission_classes = [AllowAny]

    @extend_schema(responses=inline_serializer("UnitDetail", {
        "id": serializers.IntegerField(), "kind": serializers.CharField(), "name": serializers.CharField(),
        "slug": serializers.CharField(), "parent": UnitSerializer(allow_null=True), "sub_units": UnitSerializer(many=True),
        "regulations": serializers.ListField(child=serializers.DictField()),
        "clauses": serializers.DictField(child=ClauseSerializer(many=True)),
    }))
    def get(self, request, slug):
        data = unit_detail(slug=slug)
        unit = data["unit"]
        return Response({
            **UnitSerializer(unit).data,
            "parent": UnitSerializer(unit.parent).data if unit.parent else None,
            "sub_units": UnitSerializer(data["children"], many=True).data,
            "regulations": RegulationSerializer(data["regulations"], many=True).data,
            "clauses": {kind: ClauseSerializer(items, many=True).data for _label, kind, items in data["sections"]},
        })


class UnitPopoloApi(APIView):
    """The organisation chart of this unit and every unit below it as Popolo JSON (organizations, posts, persons by
    name only, memberships with their dates). Public, like the structure pages."""

    permission_classes = [AllowAny]

    @extend_schema(responses=inline_serializer("PopoloChart", {
        "organizations": serializers.ListField(child=serializers.DictField()),
        "posts": serializers.ListField(child=serializers.DictField()),
        "persons": serializers.ListField(child=serializers.DictField()),
        "memberships": serializers.ListField(child=serializers.DictField()),
    }))
    def get(self, request, slug):
        from units.exports.popolo import popolo_chart

        unit = get_object_or_404(Unit.objects.filter(is_active=True), slug=slug)
        response = Response(popolo_chart(unit=unit))
        response["Content-Disposition"] = f'inline; filename="{unit.slug}.popolo.json"'
        return response


class ClauseSearchApi(APIView):
    """Duty and right clauses of the regulations whose text contains `q` (public): the clause, its unit and regulation."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True)], responses=ClauseSerializer(many=True))
    def get(self, request):
        query = request.query_params.get("q", "").strip()[:200]
        if not query:
            raise ApplicationError(_("Give a search text in q."), fields={"q": [_("This field is required.")]})
        return Response(ClauseSerializer(clause_search(query=query), many=True).data)


class RegulationSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Regulation
        fields = ["id", "title", "language", "unit", "is_model", "model_for_kind", "approved_by", "approval_date",
                  "approval_number", "source_hash", "imported_at", "warnings"]


class RegulationListApi(generics.ListAPIView):
    """The imported regulations (public), filtered by language, model regulation or unit."""

    permission_classes = [AllowAny]
    serializer_class = RegulationSerializer
    queryset = Regulation.objects.select_related("unit").order_by("id")
    filterset_fields = ["language", "is_model", "unit"]


class RegulationDetailApi(generics.RetrieveAPIView):
    """One regulation (public): its unit, language, approval and what the importer warned about."""

    permission_classes = [AllowAny]
    serializer_class = RegulationSerializer
    queryset = Regulation.objects.select_related("unit")


class RegulationAknApi(APIView):
    """The regulation as Akoma Ntoso 3.0 XML (valid against the OASIS schema): FRBR identification, the approval
    block in the preface, chapters by kind of clause, paragraphs with eIds from the clause numbers. Public."""

    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "application/akn+xml"): OpenApiTypes.STR})
    def get(self, request, pk):
        from django.http import HttpResponse

        from units.exports.akoma_ntoso import regulation_akn_xml

        regulation = get_object_or_404(Regulation.objects.select_related("unit"), pk=pk)
        clauses = list(regulation.clauses.filter(is_repealed=False).order_by("sort_key"))
        response = HttpResponse(regulation_akn_xml(regulation, clauses), content_type="application/akn+xml; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{regulation.unit.slug}-{regulation.pk}.akn.xml"'
        return response


class RegulationPreviewApi(APIView):
    """Parse a regulation text (at most 1 MB of UTF-8) and return what the importer would save; nothing is
    saved. Limited per user (RATE_LIMIT_REGULATION_PREVIEW, 20 an hour by default)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "regulation_preview"

    class RegulationPreviewInputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=MAX_TEXT_BYTES, trim_whitespace=False)
        organisation = serializers.CharField(max_length=300, required=False, allow_blank=True)

        def validate_text(self, value):
            if len(value.encode("utf-8")) > MAX_TEXT_BYTES:
                raise serializers.ValidationError(_("The text is larger than 1 MB."))
            if not value.strip():
                raise serializers.ValidationError(_("This field may not be blank."))
            return value

    @extend_schema(request=RegulationPreviewInputSerializer, responses=inline_serializer(
        "RegulationPreview", {"regulations": serializers.ListField(child=serializers.DictField())}))
    def post(self, request):
        data = self.RegulationPreviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parsed = parse_text(data.validated_data["text"], organisation=data.validated_data.get("organisation") or None)
        return Response({"regulations": [p.as_json() for p in parsed]})


class UnitSuggestApi(APIView):
    """Units whose duties best match a text (competence-based routing)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("text", str, required=True), OpenApiParameter("organisation", str)],
                   responses=inline_serializer("UnitSuggestion", {
                       "unit": UnitSerializer(), "score": serializers.FloatField(),
                       "clauses": serializers.ListField(child=serializers.CharField())}, many=True))
    def get(self, request):
        text = request.query_params.get("text", "").strip()[:5000]
        if not text:
            raise ApplicationError(_("Give a text."), fields={"text": [_("This field is required.")]})
        organisation = None
        if slug := request.query_params.get("organisation"):
            organisation = get_object_or_404(Unit, slug=slug, parent__isnull=True)
        return Response([
            {"unit": UnitSerializer(s["unit"]).data, "score": s["score"], "clauses": s["clauses"]}
            for s in unit_suggest_for_text(text=text, organisation=organisation)
        ])
