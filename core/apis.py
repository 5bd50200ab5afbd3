from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.models import ApiToken, Notification
from core.services.tokens import api_token_create, api_token_revoke


class MeApi(APIView):
    """Who the token or session belongs to."""

    class MeSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        username = serializers.CharField()
        full_name = serializers.CharField(source="get_full_name")
        email = serializers.EmailField()

    serializer_class = MeSerializer

    def get(self, request):
        return Response(self.MeSerializer(request.user).data)


class NotificationListApi(generics.ListAPIView):
    """Your notifications, newest first, in the request's language (Accept-Language or ?lang=); filter by kind."""

    class NotificationSerializer(serializers.ModelSerializer):
        # in the request's language (Accept-Language or ?lang=), whatever language the recipient had when it was sent
        title = serializers.CharField(source="shown_title", read_only=True)
        body = serializers.CharField(source="shown_body", read_only=True)

        class Meta:
            model = Notification
            fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]

    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]
    queryset = Notification.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user)


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["token_key", "name", "created", "expiry", "last_used_at"]


class ApiTokenObtainApi(APIView):
    """For integrators: a named token for a username and password. Wrong passwords count towards the
    same lockout as the login pages (django-axes); the endpoint is also rate-limited per address."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "token"

    class ApiTokenObtainInputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
        name = serializers.CharField(max_length=100, required=False, default="API client")
        days = serializers.IntegerField(min_value=1, max_value=settings.API_TOKEN_MAX_DAYS, required=False, default=90)

    class ApiTokenCreatedSerializer(ApiTokenSerializer):
        token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`. Shown only now.")

        class Meta(ApiTokenSerializer.Meta):
            fields = ["token", *ApiTokenSerializer.Meta.fields]

    @extend_schema(request=ApiTokenObtainInputSerializer, responses={201: ApiTokenCreatedSerializer}, auth=[])
    def post(self, request):
        data = self.ApiTokenObtainInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, username=data.validated_data["username"],
                            password=data.validated_data["password"])
        if user is None:
            raise ApplicationError(_("The username or password is not right."), code="invalid_credentials")
        token, text = api_token_create(user=user, name=data.validated_data["name"], days=data.validated_data["days"])
        return Response({"token": text, **ApiTokenSerializer(token).data}, status=201)


class ApiTokenListApi(generics.ListAPIView):
    """The user's own tokens (never the tokens themselves: only their first characters)."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user)


class ApiTokenRevokeApi(APIView):
    """Revoke one of your tokens by its first characters (token_key)."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, token_key):
        if not api_token_revoke(user=request.user, token_key=token_key):
            raise NotFound()
        return Response(status=204)
