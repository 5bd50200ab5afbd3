from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import Notification


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        username = serializers.CharField()
        full_name = serializers.CharField(source="get_full_name")
        email = serializers.EmailField()

    serializer_class = OutputSerializer

    def get(self, request):
        return Response(self.OutputSerializer(request.user).data)


class NotificationListApi(generics.ListAPIView):
    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = Notification
            fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]

    serializer_class = OutputSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)
