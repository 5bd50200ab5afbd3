"""An attachment as every API that lists files shows it (documents, execution reports)."""

from rest_framework import serializers

from core.serializers import PortalModelSerializer
from documents.models import Attachment


class AttachmentSerializer(PortalModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "mime_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        return f"/documents/attachments/{attachment.pk}/"
