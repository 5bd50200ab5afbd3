"""The portal's URLs plus what `make bench` compares against: a bare DRF create endpoint (a model serializer, no
service, no numbering, no control card) with the same throttles as the public submission."""

from django.urls import path
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from appeals.models import CaseMessage
from config.urls import urlpatterns as portal_urlpatterns


class BareCreateApi(generics.CreateAPIView):
    class BareSerializer(serializers.ModelSerializer):
        class Meta:
            model = CaseMessage
            fields = ["case", "direction", "text"]

    serializer_class = BareSerializer
    permission_classes = [AllowAny]
    authentication_classes = []


urlpatterns = [path("bench/bare-create/", BareCreateApi.as_view()), *portal_urlpatterns]
