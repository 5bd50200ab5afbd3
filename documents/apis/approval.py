"""The "to approve" queue and decisions through the API."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.models import ApprovalRoute, ApprovalStep
from documents.selectors import access_route, access_step
from documents.services.approval import (
    approval_decide,
    approval_item_url,
    approval_queue,
    approval_routes,
    approval_sent,
    approval_withdraw,
)

__all__ = ["ApprovalDecideApi", "ApprovalQueueApi", "ApprovalRouteDetailSerializer", "ApprovalRoutesField", "ApprovalSentApi",
           "ApprovalWithdrawApi"]


class ApprovalStepDetailSerializer(serializers.ModelSerializer):
    approver = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = ApprovalStep
        fields = ["id", "order", "kind", "approver", "state", "decided_by", "decided_at", "comment"]


class ApprovalRouteDetailSerializer(serializers.ModelSerializer):
    steps = ApprovalStepDetailSerializer(many=True)

    class Meta:
        model = ApprovalRoute
        fields = ["id", "version", "state", "created_at", "steps"]


@extend_schema_field(ApprovalRouteDetailSerializer(many=True))
class ApprovalRoutesField(serializers.Field):
    """An item's approval, every version's route with its steps, oldest first (for one item's detail, never a list:
    it reads the routes of the item it is given)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, help_text="Every version's approval route with its steps, oldest first.", **kwargs)

    def to_representation(self, item):
        return ApprovalRouteDetailSerializer(approval_routes(item), many=True).data


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
        return _item_page(self.context, step.route)


def _item_page(context, route):
    """The route's item's page, as an absolute address when the request is known."""
    request = context.get("request")
    return request.build_absolute_uri(approval_item_url(route)) if request else approval_item_url(route)


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


class ApprovalRouteSerializer(serializers.ModelSerializer):
    item = serializers.SerializerMethodField()
    item_type = serializers.CharField(source="content_type.model", read_only=True)
    item_id = serializers.IntegerField(source="object_id", read_only=True)
    item_page = serializers.SerializerMethodField(help_text="The item's page in the portal.")

    class Meta:
        model = ApprovalRoute
        fields = ["id", "item", "item_type", "item_id", "item_page", "version", "state", "created_at"]

    def get_item(self, route) -> str:
        return str(route.item)

    def get_item_page(self, route) -> str:
        return _item_page(self.context, route)


class ApprovalSentApi(generics.ListAPIView):
    """What you sent for approval and still waits there, the oldest first: a route's id is what you withdraw."""

    serializer_class = ApprovalRouteSerializer
    queryset = ApprovalRoute.objects.none()  # for the schema; get_queryset below is what runs

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApprovalRoute.objects.none()
        return approval_sent(user=self.request.user)


class ApprovalWithdrawApi(APIView):
    """Withdraw from approval what you sent (a route's id from `approvals/sent/`, or a draft's `routes`): the steps not
    yet reached are skipped, the item is yours to change and send again, and the approver it waited for is told why."""

    class WithdrawInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(request=WithdrawInputSerializer, responses=ApprovalRouteSerializer)
    def post(self, request, pk):
        route = access_route(user=request.user, pk=pk)
        data = self.WithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        route = approval_withdraw(route=route, actor=request.user, reason=data.validated_data["reason"])
        return Response(ApprovalRouteSerializer(route, context={"request": request}).data)
