"""The press side anyone reaches (published releases, press events, a badge's check) and the journalist's own
(applications, registrations). Published releases and events are public; an embargoed release is served only to a
journalist accredited today by its organisation."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from core.serializers import BoundedDateField, BoundedPrimaryKeyRelatedField, PortalModelSerializer
from media_relations.models import Accreditation, EventRegistration, PressEvent, PressRelease
from media_relations.selectors import (
    access_event_public,
    access_release_public,
    event_list_public,
    journalist_of,
    release_list_public,
)
from media_relations.services.accreditation import accreditation_apply, accreditation_for_badge
from media_relations.services.events import event_register, registration_cancel
from units.models import Unit

__all__ = ["BadgeCheckApi", "MyAccreditationListApplyApi", "MyRegistrationCancelApi", "MyRegistrationListApi",
           "PublicEventDetailApi", "PublicEventListApi", "PublicReleaseDetailApi", "PublicReleaseListApi", "EventRegisterApi"]


class PublicReleaseSerializer(PortalModelSerializer):
    organisation = serializers.StringRelatedField()
    embargoed = serializers.SerializerMethodField(help_text="True while it is under embargo (you are an accredited journalist).")

    class Meta:
        model = PressRelease
        fields = ["id", "organisation", "language", "original", "title", "lead", "body", "published_at", "embargo_until", "embargoed"]
        read_only_fields = fields

    def get_embargoed(self, release) -> bool:
        return bool(release.embargo_until and release.embargo_until > timezone.now())


class _Public:
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]


class PublicReleaseListApi(_Public, generics.ListAPIView):
    """Published press releases, newest first (with the embargoed ones for an accredited journalist)."""

    serializer_class = PublicReleaseSerializer

    def get_queryset(self):
        return release_list_public(user=self.request.user)


class PublicReleaseDetailApi(_Public, generics.RetrieveAPIView):
    """A published press release (public; an embargoed one only for an accredited journalist)."""

    serializer_class = PublicReleaseSerializer

    def get_object(self):
        return access_release_public(user=self.request.user, pk=self.kwargs["pk"])


class PublicEventSerializer(PortalModelSerializer):
    organisation = serializers.StringRelatedField()
    speakers = serializers.StringRelatedField(many=True)
    places_left = serializers.SerializerMethodField()

    class Meta:
        model = PressEvent
        fields = ["id", "organisation", "kind", "title", "topic", "starts_at", "ends_at", "place", "speakers", "capacity",
                  "places_left"]
        read_only_fields = fields

    def get_places_left(self, event) -> int | None:
        return None if event.capacity is None else max(event.capacity - event.taken, 0)


class PublicEventListApi(_Public, generics.ListAPIView):
    """Coming press events (?past=true for the held ones)."""

    serializer_class = PublicEventSerializer

    def get_queryset(self):
        return event_list_public(past=self.request.query_params.get("past") in ("true", "1"))


class PublicEventDetailApi(_Public, generics.RetrieveAPIView):
    """A press event (public), with the places left."""

    serializer_class = PublicEventSerializer

    def get_object(self):
        return access_event_public(pk=self.kwargs["pk"])


class BadgeCheckApi(APIView):
    """What a badge's QR code says: valid, expired, not_yet or revoked, with the name, outlet and period. An unknown
    token is a 404."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]

    class BadgeSerializer(serializers.Serializer):
        status = serializers.CharField()
        journalist = serializers.CharField()
        outlet = serializers.CharField()
        organisation = serializers.CharField()
        valid_from = serializers.DateField()
        valid_until = serializers.DateField()

    @extend_schema(responses=BadgeSerializer, auth=[])
    def get(self, request, token):
        accreditation = accreditation_for_badge(token=token)
        status = accreditation.status_on() if accreditation else "unknown"
        if status not in ("valid", "expired", "revoked", "not_yet"):
            raise Http404
        return Response(self.BadgeSerializer({
            "status": status, "journalist": accreditation.journalist.full_name, "outlet": accreditation.journalist.outlet.name,
            "organisation": accreditation.organisation.display_name, "valid_from": accreditation.valid_from,
            "valid_until": accreditation.valid_until}).data)


def _journalist(request):
    journalist = journalist_of(request.user)
    if journalist is None:
        raise Http404
    return journalist


class MyAccreditationSerializer(PortalModelSerializer):
    organisation = serializers.StringRelatedField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Accreditation
        fields = ["id", "organisation", "kind", "valid_from", "valid_until", "event", "state", "status", "reason", "applied_at"]
        read_only_fields = fields

    def get_status(self, item) -> str:
        return item.status_on()


class ApplyInputSerializer(serializers.Serializer):
    organisation = BoundedPrimaryKeyRelatedField(queryset=Unit.objects.filter(parent__isnull=True, is_active=True))
    kind = serializers.ChoiceField(choices=Accreditation.Kind.choices, required=False, default="")
    event = BoundedPrimaryKeyRelatedField(queryset=PressEvent.objects.filter(state="planned"), required=False, allow_null=True,
                                          default=None)
    valid_from = BoundedDateField(required=False, allow_null=True, default=None)
    valid_until = BoundedDateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    documents = serializers.ListField(child=serializers.FileField(), allow_empty=False, max_length=10,
                                      help_text="An editor's letter or a press card (PDF, image, office document).")


class MyAccreditationListApplyApi(generics.ListAPIView):
    """Your applications and accreditations (a journalist's account); POST applies, with documents."""

    serializer_class = MyAccreditationSerializer
    parser_classes = [MultiPartParser, FormParser]
    throttle_scope = "journalist_apply"

    def get_throttles(self):
        # applying is limited like a public form; reading one's own list is not
        return [ScopedRateThrottle()] if self.request.method == "POST" else super().get_throttles()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Accreditation.objects.none()
        return Accreditation.objects.filter(journalist=_journalist(self.request)).select_related("organisation")

    @extend_schema(request={"multipart/form-data": ApplyInputSerializer}, responses={201: MyAccreditationSerializer})
    def post(self, request):
        journalist = _journalist(request)
        data = ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = accreditation_apply(journalist=journalist, actor=request.user, **data.validated_data)
        return Response(MyAccreditationSerializer(item).data, status=201)


class RegistrationEventSerializer(PortalModelSerializer):
    class Meta:
        model = PressEvent
        fields = ["id", "kind", "title", "starts_at", "ends_at", "place", "state"]
        read_only_fields = fields


class MyRegistrationSerializer(PortalModelSerializer):
    event = RegistrationEventSerializer(read_only=True)

    class Meta:
        model = EventRegistration
        fields = ["id", "event", "state", "attended", "created_at"]
        read_only_fields = fields


class MyRegistrationListApi(generics.ListAPIView):
    """Your registrations for press events (an accredited journalist), the latest event first."""

    serializer_class = MyRegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EventRegistration.objects.none()
        return EventRegistration.objects.filter(journalist=_journalist(self.request)).select_related("event").order_by("-event__starts_at")


class EventRegisterApi(APIView):
    """Register for an event (an accredited journalist): refused with the reason when the accreditation is not valid
    on the day, the places are taken or the event is over."""

    @extend_schema(request=None, responses={201: MyRegistrationSerializer})
    def post(self, request, pk):
        journalist = _journalist(request)
        registration = event_register(event=access_event_public(pk=pk), journalist=journalist, actor=request.user)
        return Response(MyRegistrationSerializer(registration).data, status=201)


class MyRegistrationCancelApi(APIView):
    """Cancel your registration: the place is free again."""

    @extend_schema(request=None, responses=MyRegistrationSerializer)
    def post(self, request, pk):
        registration = EventRegistration.objects.filter(pk=pk, journalist=_journalist(request)).first()
        if registration is None:
            raise Http404
        return Response(MyRegistrationSerializer(registration_cancel(registration=registration, actor=request.user)).data)
