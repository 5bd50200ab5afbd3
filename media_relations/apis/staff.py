"""The press service's API: the same registers and steps as its pages, with the same visibility (anyone else gets
404 for an object, an empty list for a list)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.models import User
from core.serializers import (
    BoundedDateField,
    BoundedPrimaryKeyRelatedField,
    PortalModelSerializer,
    ServiceRules,
)
from documents.apis.approval import ApprovalRoutesField
from media_relations.models import (
    Accreditation,
    ArchiveItem,
    EventRegistration,
    Journalist,
    MediaMention,
    MediaOutlet,
    PressEvent,
    PressRelease,
    Subscription,
)
from media_relations.querysets import press_scope
from media_relations.selectors import (
    access_accreditation,
    access_archive_item,
    access_event_staff,
    access_mention,
    access_release_staff,
    accreditation_list,
    archive_list,
    event_list_staff,
    mention_list,
    release_list_staff,
    subscription_list,
)
from media_relations.services.accreditation import (
    accreditation_decide,
    accreditation_revoke,
    journalist_create,
    outlet_create,
)
from media_relations.services.archive import archive_item_create, subscription_save
from media_relations.services.events import (
    attendance_record,
    press_event_cancel,
    press_event_errors,
    press_event_invite,
    press_event_save,
    registration_decide,
)
from media_relations.services.mention_import import mentions_import_preview
from media_relations.services.mentions import (
    mention_create,
    mention_link_answer,
    mention_mark_false,
    mentions_create_many,
    monitoring_month,
    monitoring_report,
)
from media_relations.services.office import press_organisations, require_press
from media_relations.services.releases import (
    press_release_save,
    press_release_submit,
    press_release_withdraw,
    release_errors,
)
from units.models import Unit

__all__ = [
    "AccreditationDecideApi", "AccreditationDetailApi", "AccreditationListApi", "AccreditationRevokeApi", "ArchiveDetailApi",
    "ArchiveListApi", "EventCancelApi", "EventDetailApi", "EventInviteApi", "EventListCreateApi", "JournalistListApi",
    "MentionAnswerApi", "MentionDetailApi", "MentionListCreateApi", "MentionMarkFalseApi", "OutletListCreateApi",
    "RegistrationDecideApi", "ReleaseDetailApi", "ReleaseListCreateApi", "ReleaseSubmitApi", "ReleaseWithdrawApi",
    "SubscriptionListCreateApi",
]


def _organisation(user, pk):
    organisation = press_organisations(user=user).filter(pk=pk).first()
    if organisation is None:
        message = _("Choose an organisation whose press service you are in.")
        raise ApplicationError(message, fields={"organisation": [message]})
    return organisation


class OrganisationField(BoundedPrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.filter(parent__isnull=True), **kwargs)


# --- outlets and journalists --------------------------------------------------------------------------------------

class OutletSerializer(PortalModelSerializer):
    class Meta:
        model = MediaOutlet
        fields = ["id", "name", "kind", "country", "language", "email", "phone", "website", "is_active"]
        read_only_fields = ["id", "is_active"]


class OutletListCreateApi(generics.ListCreateAPIView):
    """The register of media outlets (the press service adds to it)."""

    serializer_class = OutletSerializer
    queryset = MediaOutlet.objects.order_by("name")

    def perform_create(self, serializer):
        serializer.instance = outlet_create(actor=self.request.user, values=serializer.validated_data)


class JournalistSerializer(PortalModelSerializer):
    outlet = serializers.StringRelatedField()

    class Meta:
        model = Journalist
        fields = ["id", "full_name", "outlet", "position", "email", "phone"]


class JournalistInputSerializer(PortalModelSerializer):
    class Meta:
        model = Journalist
        fields = ["full_name", "outlet", "position", "email", "phone"]


class JournalistListApi(generics.ListAPIView):
    """The journalists the press service knows; POST adds one without an account (those who apply online have one)."""

    serializer_class = JournalistSerializer

    def get_queryset(self):
        if not press_organisations(user=self.request.user).exists():
            return Journalist.objects.none()
        return Journalist.objects.select_related("outlet").order_by("full_name")

    @extend_schema(request=JournalistInputSerializer, responses={201: JournalistSerializer})
    def post(self, request):
        data = JournalistInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(JournalistSerializer(journalist_create(actor=request.user, **data.validated_data)).data, status=201)


# --- accreditation ------------------------------------------------------------------------------------------------

class AccreditationSerializer(PortalModelSerializer):
    journalist = JournalistSerializer(read_only=True)
    status = serializers.SerializerMethodField(help_text="valid, expired, not_yet, pending, refused or revoked")
    decide_by = serializers.SerializerMethodField()

    class Meta:
        model = Accreditation
        fields = ["id", "organisation", "journalist", "kind", "valid_from", "valid_until", "event", "note", "state", "status",
                  "applied_at", "decided_at", "reason", "decide_by"]
        read_only_fields = fields

    def get_status(self, item) -> str:
        return item.status_on()

    def get_decide_by(self, item) -> str | None:
        card = item.control_card
        return card.due.isoformat() if card is not None and item.state == Accreditation.State.PENDING else None


class AccreditationListApi(generics.ListAPIView):
    """Applications and accreditations of the organisations whose press service you are in; ?state= filters."""

    serializer_class = AccreditationSerializer

    def get_queryset(self):
        state = self.request.query_params.get("state")
        return accreditation_list(user=self.request.user, state=state if state in Accreditation.State.values else None)


class AccreditationDetailApi(generics.RetrieveAPIView):
    """An accreditation of your press service (404 otherwise)."""

    serializer_class = AccreditationSerializer

    def get_object(self):
        return access_accreditation(user=self.request.user, pk=self.kwargs["pk"])


class AccreditationDecideApi(APIView):
    """Approve (optionally shortening the period) or refuse with a reason."""

    class AccreditationDecideInputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
        valid_until = BoundedDateField(required=False, allow_null=True, default=None)

    @extend_schema(request=AccreditationDecideInputSerializer, responses=AccreditationSerializer)
    def post(self, request, pk):
        item = access_accreditation(user=request.user, pk=pk)
        data = self.AccreditationDecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_press(user=request.user, organisation_id=item.organisation_id)
        item = accreditation_decide(accreditation=item, actor=request.user, **data.validated_data)
        return Response(AccreditationSerializer(item).data)


class AccreditationRevokeApi(APIView):
    """Revoke an accreditation, with the reason the journalist is told."""

    class RevokeInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(request=RevokeInputSerializer, responses=AccreditationSerializer)
    def post(self, request, pk):
        item = access_accreditation(user=request.user, pk=pk)
        data = self.RevokeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_press(user=request.user, organisation_id=item.organisation_id)
        return Response(AccreditationSerializer(accreditation_revoke(accreditation=item, actor=request.user, **data.validated_data)).data)


# --- events -------------------------------------------------------------------------------------------------------

class RegistrationSerializer(PortalModelSerializer):
    journalist = JournalistSerializer(read_only=True)

    class Meta:
        model = EventRegistration
        fields = ["id", "journalist", "state", "attended", "created_at"]
        read_only_fields = fields


class EventSerializer(ServiceRules, PortalModelSerializer):
    organisation = OrganisationField()
    speakers = BoundedPrimaryKeyRelatedField(many=True, queryset=User.objects.all(), required=False)
    invited_outlets = BoundedPrimaryKeyRelatedField(many=True, queryset=MediaOutlet.objects.all(), required=False)

    class Meta:
        model = PressEvent
        fields = ["id", "organisation", "kind", "title", "topic", "starts_at", "ends_at", "place", "capacity", "speakers",
                  "invited_outlets", "state"]
        read_only_fields = ["id", "state"]

    def rule_errors(self, values):
        return press_event_errors(values=values)


class EventDetailSerializer(EventSerializer):
    registrations = RegistrationSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "registrations"]
        read_only_fields = [*EventSerializer.Meta.read_only_fields, "registrations"]


class EventListCreateApi(generics.ListCreateAPIView):
    """Events of your press service, newest first; POST plans one (the speakers' agendas follow)."""

    serializer_class = EventSerializer

    def get_queryset(self):
        return event_list_staff(user=self.request.user)

    @extend_schema(responses={201: EventSerializer})
    def post(self, request):
        data = EventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = _organisation(request.user, values.pop("organisation").pk)
        speakers, outlets = values.pop("speakers", []), values.pop("invited_outlets", [])
        event, _clashes = press_event_save(actor=request.user, organisation=organisation, values=values, speakers=speakers,
                                           invited_outlets=outlets)
        return Response(EventSerializer(event).data, status=201)


class EventUpdateSerializer(EventSerializer):
    class Meta(EventSerializer.Meta):
        read_only_fields = ["id", "state", "organisation"]


class EventDetailApi(generics.RetrieveAPIView):
    """An event with its registrations; PATCH changes it (the speakers' agendas follow)."""

    serializer_class = EventDetailSerializer

    def get_object(self):
        return access_event_staff(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=EventUpdateSerializer, responses=EventDetailSerializer)
    def patch(self, request, pk):
        event = self.get_object()
        data = EventUpdateSerializer(event, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {field: getattr(event, field) for field in ("kind", "title", "topic", "starts_at", "ends_at", "place", "capacity")}
        changes = dict(data.validated_data)
        speakers = changes.pop("speakers", list(event.speakers.all()))
        outlets = changes.pop("invited_outlets", list(event.invited_outlets.all()))
        values.update(changes)
        event, _clashes = press_event_save(actor=request.user, organisation=event.organisation, values=values, speakers=speakers,
                                           invited_outlets=outlets, event=event)
        return Response(EventDetailSerializer(access_event_staff(user=request.user, pk=event.pk)).data)


class EventAttendanceApi(APIView):
    """Mark who came among the confirmed journalists (the others did not)."""

    class AttendanceInputSerializer(serializers.Serializer):
        attended = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), max_length=1000,
                                         help_text="Ids of the registrations that attended.")

    @extend_schema(request=AttendanceInputSerializer, responses=EventDetailSerializer)
    def post(self, request, pk):
        event = access_event_staff(user=request.user, pk=pk)
        data = self.AttendanceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attendance_record(event=event, actor=request.user, attended_ids=data.validated_data["attended"])
        return Response(EventDetailSerializer(access_event_staff(user=request.user, pk=pk)).data)


class EventCancelApi(APIView):
    """Cancel a press event: the registered journalists are told."""

    @extend_schema(request=None, responses=EventSerializer)
    def post(self, request, pk):
        event = access_event_staff(user=request.user, pk=pk)
        return Response(EventSerializer(press_event_cancel(event=event, actor=request.user)).data)


class EventInviteApi(APIView):
    """E-mail the invitations to the invited outlets and their journalists accredited for the event's day; returns how
    many were written."""

    class InviteResultSerializer(serializers.Serializer):
        invitations = serializers.IntegerField()

    @extend_schema(request=None, responses=InviteResultSerializer)
    def post(self, request, pk):
        event = access_event_staff(user=request.user, pk=pk)
        return Response({"invitations": press_event_invite(event=event, actor=request.user)})


class RegistrationDecideApi(APIView):
    """Confirm or decline a journalist's registration for the event."""

    class RegistrationAccreditationDecideInputSerializer(serializers.Serializer):
        confirm = serializers.BooleanField()

    @extend_schema(request=RegistrationAccreditationDecideInputSerializer, responses=RegistrationSerializer)
    def post(self, request, pk, registration_pk):
        event = access_event_staff(user=request.user, pk=pk)
        registration = event.registrations.all().filter(pk=registration_pk).first()
        if registration is None:
            raise Http404
        data = self.RegistrationAccreditationDecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = registration_decide(registration=registration, actor=request.user, confirm=data.validated_data["confirm"])
        return Response(RegistrationSerializer(registration).data)


# --- releases -----------------------------------------------------------------------------------------------------

class ReleaseSerializer(ServiceRules, PortalModelSerializer):
    organisation = OrganisationField()
    original = BoundedPrimaryKeyRelatedField(queryset=PressRelease.objects.all(), required=False, allow_null=True,
                                             help_text="The release this one translates.")

    class Meta:
        model = PressRelease
        fields = ["id", "organisation", "original", "language", "title", "lead", "body", "state", "publish_at", "embargo_until",
                  "published_at"]
        read_only_fields = ["id", "state", "published_at"]
        validators = []  # one version per language is the service's rule (a unique-together check would demand `original`)

    def rule_errors(self, values):
        return release_errors(values=values)


class ReleaseListCreateApi(generics.ListCreateAPIView):
    """Releases of your press service; POST writes a draft (a translation names its original)."""

    serializer_class = ReleaseSerializer

    def get_queryset(self):
        return release_list_staff(user=self.request.user)

    @extend_schema(responses={201: ReleaseSerializer})
    def post(self, request):
        data = ReleaseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = _organisation(request.user, values.pop("organisation").pk)
        original = values.pop("original", None)
        if original is not None:
            original = access_release_staff(user=request.user, pk=original.pk)
        release = press_release_save(actor=request.user, organisation=organisation, values=values, original=original)
        return Response(ReleaseSerializer(release).data, status=201)


class ReleaseUpdateSerializer(ReleaseSerializer):
    class Meta(ReleaseSerializer.Meta):
        read_only_fields = ["id", "state", "published_at", "organisation", "original"]


class ReleaseDetailSerializer(ReleaseSerializer):
    routes = ApprovalRoutesField()

    class Meta(ReleaseSerializer.Meta):
        fields = [*ReleaseSerializer.Meta.fields, "routes"]


class ReleaseDetailApi(generics.RetrieveAPIView):
    """A release with its approval (every version's route, the approvers' comments); PATCH edits a draft."""

    serializer_class = ReleaseDetailSerializer

    def get_object(self):
        return access_release_staff(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=ReleaseUpdateSerializer, responses=ReleaseSerializer)
    def patch(self, request, pk):
        release = self.get_object()
        data = ReleaseUpdateSerializer(release, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {field: getattr(release, field) for field in ("language", "title", "lead", "body", "publish_at", "embargo_until")}
        values.update(data.validated_data)
        return Response(ReleaseSerializer(press_release_save(actor=request.user, organisation=release.organisation, values=values,
                                                             release=release)).data)


class ReleaseSubmitApi(APIView):
    """Send a draft release for approval by a head of the press service or the leadership (`approver`)."""

    class SubmitInputSerializer(serializers.Serializer):
        approver = BoundedPrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))

    @extend_schema(request=SubmitInputSerializer, responses=ReleaseSerializer)
    def post(self, request, pk):
        release = access_release_staff(user=request.user, pk=pk)
        data = self.SubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(ReleaseSerializer(press_release_submit(release=release, actor=request.user, **data.validated_data)).data)


class ReleaseWithdrawApi(APIView):
    """Take an approved release off the site: back to a draft, to be corrected and approved again."""

    @extend_schema(request=None, responses=ReleaseSerializer)
    def post(self, request, pk):
        release = access_release_staff(user=request.user, pk=pk)
        return Response(ReleaseSerializer(press_release_withdraw(release=release, actor=request.user)).data)


# --- monitoring ---------------------------------------------------------------------------------------------------

class MentionSerializer(PortalModelSerializer):
    organisation = OrganisationField()
    units = BoundedPrimaryKeyRelatedField(many=True, queryset=Unit.objects.filter(is_active=True), required=False)
    response_due = serializers.SerializerMethodField()

    class Meta:
        model = MediaMention
        fields = ["id", "organisation", "outlet", "published_on", "title", "url", "summary", "tone", "topic", "units", "is_false",
                  "response", "response_due"]
        read_only_fields = ["id", "response", "response_due"]

    def get_response_due(self, mention) -> str | None:
        card = mention.control_card if mention.is_false else None
        return card.due.isoformat() if card is not None else None


class MentionListCreateApi(generics.ListCreateAPIView):
    """Mentions (?published_on=, ?tone=, ?is_false=true); POST records one, a false one opens its controlled response."""

    serializer_class = MentionSerializer

    def get_queryset(self):
        params = self.request.query_params
        day = BoundedDateField(required=False).run_validation(params["published_on"]) if params.get("published_on") else None
        return mention_list(user=self.request.user, published_on=day, tone=params.get("tone"),
                            only_false=params.get("is_false") in ("true", "1"))

    @extend_schema(responses={201: MentionSerializer})
    def post(self, request):
        data = MentionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = _organisation(request.user, values.pop("organisation").pk)
        mention = mention_create(actor=request.user, organisation=organisation, values=values, units=values.pop("units", []))
        return Response(MentionSerializer(mention).data, status=201)


class MentionDetailApi(generics.RetrieveAPIView):
    """A media mention of your press service's monitoring (404 otherwise)."""

    serializer_class = MentionSerializer

    def get_object(self):
        return access_mention(user=self.request.user, pk=self.kwargs["pk"])


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True)
    errors = serializers.ListField(child=serializers.CharField())


class ImportResultSerializer(serializers.Serializer):
    rows = ImportRowSerializer(many=True)
    good = serializers.IntegerField()
    bad = serializers.IntegerField()
    imported = serializers.IntegerField()


class MentionImportApi(APIView):
    """Import mentions from a CSV (UTF-8) or XLSX file: without `commit` the rows come back checked (each bad row with
    its line and reasons) and nothing is stored; with `commit=true` the good rows are imported in one transaction.
    A file that cannot be read as a whole is a 400 with the reason."""

    parser_classes = [MultiPartParser, FormParser]

    class ImportInputSerializer(serializers.Serializer):
        organisation = OrganisationField()
        file = serializers.FileField()
        commit = serializers.BooleanField(required=False, default=False)

    @extend_schema(request={"multipart/form-data": ImportInputSerializer}, responses=ImportResultSerializer)
    def post(self, request):
        data = self.ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = _organisation(request.user, data.validated_data["organisation"].pk)
        require_press(user=request.user, organisation_id=organisation.pk)
        rows = mentions_import_preview(organisation=organisation, upload=data.validated_data["file"])
        good = [(row["values"], row["units"]) for row in rows if not row["errors"]]
        imported = mentions_create_many(actor=request.user, organisation=organisation, rows=good) if data.validated_data["commit"] else []
        return Response({"rows": [{"line": row["line"], "title": row["values"]["title"], "errors": [str(e) for e in row["errors"]]}
                                  for row in rows],
                         "good": len(good), "bad": len(rows) - len(good), "imported": len(imported)})


class MonitoringReportApi(APIView):
    """Mentions of a month (?month=2026-11) by tone, outlet and topic."""

    class MonitoringReportSerializer(serializers.Serializer):
        month = serializers.CharField()
        total = serializers.IntegerField()
        false = serializers.IntegerField()
        tone = serializers.DictField(child=serializers.IntegerField())
        outlet = serializers.DictField(child=serializers.IntegerField())
        topic = serializers.DictField(child=serializers.IntegerField())

    @extend_schema(parameters=[OpenApiParameter("month", str, description="YYYY-MM; this month when left out")],
                   responses=MonitoringReportSerializer)
    def get(self, request):
        month, end = monitoring_month(request.query_params.get("month"))
        scope = press_scope(request.user)
        report = monitoring_report(organisation_ids=scope, start=month, end=end)
        return Response({"month": month.strftime("%Y-%m"), "total": report["total"], "false": report["false"],
                         "tone": {code: count for _label, count, code in report["tone"]},
                         "outlet": dict(report["outlet"]), "topic": {str(k): v for k, v in report["topic"]}})


class MentionMarkFalseApi(APIView):
    """Mark a mention as false or distorting: the response is put under control from now."""

    @extend_schema(request=None, responses=MentionSerializer)
    def post(self, request, pk):
        mention = access_mention(user=request.user, pk=pk)
        return Response(MentionSerializer(mention_mark_false(mention=mention, actor=request.user)).data)


class MentionAnswerApi(APIView):
    """Link the press release that answers a false report; this closes the response's control card."""

    class AnswerInputSerializer(serializers.Serializer):
        release = BoundedPrimaryKeyRelatedField(queryset=PressRelease.objects.all())

    @extend_schema(request=AnswerInputSerializer, responses=MentionSerializer)
    def post(self, request, pk):
        mention = access_mention(user=request.user, pk=pk)
        data = self.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        release = access_release_staff(user=request.user, pk=data.validated_data["release"].pk)
        return Response(MentionSerializer(mention_link_answer(mention=mention, actor=request.user, release=release)).data)


# --- archive and subscriptions ------------------------------------------------------------------------------------

class ArchiveItemSerializer(PortalModelSerializer):
    class Meta:
        model = ArchiveItem
        fields = ["id", "organisation", "kind", "title", "taken_on", "event", "people", "tags", "access", "location"]
        read_only_fields = fields


class ArchiveInputSerializer(PortalModelSerializer):
    organisation = OrganisationField()
    event = BoundedPrimaryKeyRelatedField(queryset=PressEvent.objects.all(), required=False, allow_null=True)
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=10,
                                  help_text="Images (a thumbnail is made of the first), PDF scans.")

    class Meta:
        model = ArchiveItem
        fields = ["organisation", "kind", "title", "taken_on", "event", "people", "tags", "access", "location", "files"]


class ArchiveListApi(generics.ListAPIView):
    """The archive as far as you may see it (?q= searches titles, tags and people); POST adds an item with its files."""

    serializer_class = ArchiveItemSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return archive_list(user=self.request.user, query=self.request.query_params.get("q", "")[:100],
                            kind=self.request.query_params.get("kind", ""))

    @extend_schema(request={"multipart/form-data": ArchiveInputSerializer}, responses={201: ArchiveItemSerializer})
    def post(self, request):
        data = ArchiveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = _organisation(request.user, values.pop("organisation").pk)
        files = values.pop("files", [])
        item = archive_item_create(actor=request.user, organisation=organisation, values=values, files=files)
        return Response(ArchiveItemSerializer(item).data, status=201)


class ArchiveDetailApi(generics.RetrieveAPIView):
    """An item of the media archive you may see (404 otherwise)."""

    serializer_class = ArchiveItemSerializer

    def get_object(self):
        return access_archive_item(user=self.request.user, pk=self.kwargs["pk"])


class SubscriptionSerializer(PortalModelSerializer):
    organisation = OrganisationField()

    class Meta:
        model = Subscription
        fields = ["id", "organisation", "publication", "kind", "starts_on", "ends_on", "copies", "note"]
        read_only_fields = ["id"]


class SubscriptionListCreateApi(generics.ListCreateAPIView):
    """The press service's subscriptions to print and electronic publications; POST adds one."""

    serializer_class = SubscriptionSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return subscription_list(user=self.request.user)

    @extend_schema(responses={201: SubscriptionSerializer})
    def post(self, request):
        data = SubscriptionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = _organisation(request.user, values.pop("organisation").pk)
        return Response(SubscriptionSerializer(subscription_save(actor=request.user, organisation=organisation, values=values)).data,
                        status=201)
