"""Reception of citizens for public clients: the published hours with free places, booking (Idempotency-Key
honoured), and the booking by its private token, with cancellation."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from appeals.apis.public import _KEY, ContactChecks
from appeals.models import ReceptionBooking
from appeals.reception import (
    booking_for_token,
    reception_book,
    reception_cancel,
    reception_schedule,
    reception_session_for_booking,
)
from appeals.selectors import public_organisation
from core.idempotency import idempotency_key_clean

__all__ = ["PublicBookingApi", "PublicBookingCancelApi", "PublicReceptionBookApi", "PublicReceptionSessionListApi"]


class ReceptionSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    official = serializers.CharField(source="official_label")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    capacity = serializers.IntegerField()
    free = serializers.IntegerField()


class BookingInputSerializer(ContactChecks, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=30)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    subject = serializers.CharField(max_length=500)


class BookingSerializer(serializers.Serializer):
    token = serializers.CharField()
    state = serializers.ChoiceField(choices=ReceptionBooking.State.choices)
    session = ReceptionSessionSerializer()


def _booking(booking):
    session = booking.session
    return BookingSerializer({"token": booking.token, "state": booking.state, "session": {
        "id": session.pk, "official_label": session.official_label, "starts_at": session.starts_at, "ends_at": session.ends_at,
        "place": session.place, "capacity": session.capacity, "free": max(session.capacity - session.bookings.filter(
            state=ReceptionBooking.State.BOOKED).count(), 0)}}).data


class PublicReceptionSessionListApi(APIView):
    """The reception hours published for the coming weeks, with the free places."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=ReceptionSessionSerializer(many=True), auth=[])
    def get(self, request):
        sessions = reception_schedule(organisation=public_organisation())
        return Response(ReceptionSessionSerializer([{
            "id": s.pk, "official_label": s.official_label, "starts_at": s.starts_at, "ends_at": s.ends_at, "place": s.place,
            "capacity": s.capacity, "free": max(s.capacity - s.taken, 0)} for s in sessions], many=True).data)


class PublicReceptionBookApi(APIView):
    """Book a place (name, phone, subject; an e-mail for the confirmation and the reminder). 201 with the private
    token; 400 `full` when every place is taken."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "appeal_submit"

    @extend_schema(request=BookingInputSerializer, parameters=[_KEY], responses={201: BookingSerializer, 200: BookingSerializer},
                   auth=[])
    def post(self, request, pk):
        session = reception_session_for_booking(pk=pk)
        data = BookingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking, created = reception_book(session=session, data=dict(data.validated_data),
                                          idempotency_key=idempotency_key_clean(request.headers.get("Idempotency-Key")))
        return Response(_booking(booking), status=201 if created else 200)


class PublicBookingApi(APIView):
    """A booking by its private token; 404 for an unknown or malformed one."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=BookingSerializer, auth=[])
    def get(self, request, token):
        return Response(_booking(booking_for_token(token=token)))


class PublicBookingCancelApi(APIView):
    """Cancel the booking (before the reception starts): the place is free again."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=None, responses=BookingSerializer, auth=[])
    def post(self, request, token):
        return Response(_booking(reception_cancel(booking=booking_for_token(token=token))))
