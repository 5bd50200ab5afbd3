"""The "to approve" queue and decisions through the API."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.models import ApprovalStep
from documents.selectors import access_step
from documents.services.approval import approval_decide, approval_item_url, approval_queue

__all__ = ["ApprovalDecideApi", "ApprovalQueueApi"]


class ApprovalStepSerializer(serializers.ModelSerializer):
    item = serializers.SerializerMethodField()
    item_type = serializers.CharField(source="route.content_type.model", read_only=True)
    item_id = serializers.IntegerField(source="route.object_id", read_only=True)
    version = serializers.IntegerField(source="route.version", read_only=True)
    item_page = serializers.SerializerMethodField(help_text="The item's page in the portal, where it is read in full.")
    approver = serializers.StringRelatedField()

    class Meta:
        model = ApprovalStep
        fields = ["id", "kind", "order", "state", "item", "item_type", "item_id", "item_page", "version", "approver",
                  "decided_at", "comment"]

    def get_item(self, step) -> str:
        return str(step.route.item)

    def get_item_page(self, step) -> str:
        return self.context["request"].build_absolute_uri(approval_item_url(step.route)) if "request" in self.context else approval_item_url(step.route)


class ApprovalQueueApi(generics.ListAPIView):
    """Steps waiting for you (or for someone you act for) whose turn has come."""

    serializer_class = ApprovalStepSerializer
    queryset = ApprovalStep.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApprovalStep.objects.none()
        return approval_queue(user=self.request.user)


class ApprovalDecideApi(APIView):
    """Approve (visa or sign) or reject with a comment (the comment is required to reject)."""

    class DecideInputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

    @extend_schema(request=DecideInputSerializer, responses=ApprovalStepSerializer)
    def post(self, request, pk):
        step = access_step(user=request.user, pk=pk)
        data = self.DecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        step = approval_decide(step=step, actor=request.user, approve=data.validated_data["approve"],
                               comment=data.validated_data["comment"])
        return Response(ApprovalStepSerializer(step, context={"request": request}).data)
