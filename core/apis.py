from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import Notification


class MeApi(APIView):
    class MeSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        username = serializers.CharField()
        full_name = serializers.CharField(source="get_full_name")
        email = serializers.EmailField()

    serializer_class = MeSerializer

    def get(self, request):
        return Response(self.MeSerializer(request.user).data)


class NotificationListApi(generics.ListAPIView):
    class NotificationSerializer(serializers.ModelSerializer):
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
