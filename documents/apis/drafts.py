"""Outgoing drafts through the API: write and edit, send along a route of visas to a signature, read every
version's steps, and fetch the letter as PDF. The same services and visibility as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import PDF, file_renderers
from core.bounds import MAX_ID
from core.exceptions import ApplicationError
from documents.apis.approval import ApprovalRoutesField
from documents.models import Document, OutgoingDraft
from documents.selectors import (
    access_draft,
    draft_approvers,
    draft_letter_response,
    draft_units_for,
    drafts_of,
)
from documents.services.drafts import draft_save, draft_send_for_approval

__all__ = ["DraftDetailApi", "DraftLetterApi", "DraftListCreateApi", "DraftSendApi"]


class DraftSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = serializers.StringRelatedField()
    document_number = serializers.CharField(source="document.number", read_only=True, default=None)

    class Meta:
        model = OutgoingDraft
        fields = ["id", "unit", "author", "addressee", "subject", "body", "in_reply_to", "version", "state", "document",
                  "document_number", "created_at"]


class DraftDetailSerializer(DraftSerializer):
    routes = ApprovalRoutesField()

    class Meta(DraftSerializer.Meta):
        fields = [*DraftSerializer.Meta.fields, "routes"]


class DraftInputSerializer(serializers.Serializer):
    unit = serializers.SlugField(max_length=200)
    addressee = serializers.CharField(max_length=300)
    subject = serializers.CharField(max_length=500)
    body = serializers.CharField(max_length=50000)
    in_reply_to = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None,
                                           help_text="A registered document you may see that this letter answers.")


def _field_error(field, message):
    raise ApplicationError(message, fields={field: [message]})


def _draft_values(user, values):
    """The service's arguments from validated input: a unit the user may write for, a document they may see."""
    unit = draft_units_for(user=user).filter(slug=values["unit"]).first()
    if unit is None:
        _field_error("unit", _("Choose a unit you work in."))
    in_reply_to = None
    if values.get("in_reply_to"):
        in_reply_to = Document.objects.visible_to(user).filter(pk=values["in_reply_to"]).first()
        if in_reply_to is None:
            _field_error("in_reply_to", _("No such document."))
    return {"unit": unit, "addressee": values["addressee"], "subject": values["subject"], "body": values["body"],
            "in_reply_to": in_reply_to}


def _detail(draft):
    return DraftDetailSerializer(draft).data


class DraftListCreateApi(generics.ListCreateAPIView):
    """Your drafts, newest first; POST writes a new one."""

    serializer_class = DraftSerializer
    filterset_fields = ["state"]
    queryset = OutgoingDraft.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OutgoingDraft.objects.none()
        return drafts_of(user=self.request.user)

    @extend_schema(request=DraftInputSerializer, responses={201: DraftSerializer})
    def post(self, request):
        data = DraftInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = draft_save(actor=request.user, **_draft_values(request.user, data.validated_data))
        return Response(DraftSerializer(draft).data, status=201)


class DraftDetailApi(APIView):
    """A draft with every version's route; PUT edits it (the author, while it is a draft or returned: a
    returned draft becomes the next version)."""

    @extend_schema(responses=DraftDetailSerializer)
    def get(self, request, pk):
        return Response(_detail(access_draft(user=request.user, pk=pk)))

    @extend_schema(request=DraftInputSerializer, responses=DraftDetailSerializer)
    def put(self, request, pk):
        draft = access_draft(user=request.user, pk=pk)
        data = DraftInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = draft_save(actor=request.user, draft=draft, **_draft_values(request.user, data.validated_data))
        return Response(_detail(draft))


class DraftSendApi(APIView):
    """Send the draft along its route: the visas in the order given (person ids), then the signer's signature."""

    class RouteInputSerializer(serializers.Serializer):
        visas = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                      default=list, max_length=10)
        signer = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    @extend_schema(request=RouteInputSerializer, responses=DraftDetailSerializer)
    def post(self, request, pk):
        draft = access_draft(user=request.user, pk=pk)
        data = self.RouteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        people = {p.pk: p for p in draft_approvers(draft=draft).filter(pk__in=[*values["visas"], values["signer"]])}
        if values["signer"] not in people:
            _field_error("signer", _("The signer must work in the organisation."))
        if missing := [pk for pk in values["visas"] if pk not in people]:
            _field_error("visas", _("Person %(id)d does not work in the organisation.") % {"id": missing[0]})
        draft = draft_send_for_approval(actor=request.user, draft=draft, visas=[people[pk] for pk in values["visas"]],
                                        signer=people[values["signer"]])
        return Response(_detail(draft))


class DraftLetterApi(APIView):
    """The draft as an A4 letter (marked as a draft until it is signed and numbered)."""

    renderer_classes = file_renderers(PDF)

    @extend_schema(responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="The letter.")})
    def get(self, request, pk):
        return draft_letter_response(draft=access_draft(user=request.user, pk=pk))
