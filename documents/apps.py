from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and execution control")

    def ready(self):
        # registers who may download a document's attachments (documents.services.attachments)
        from documents.selectors import registry  # noqa: F401

        # registers what signing or returning an outgoing draft does (documents.services.approval)
        from documents.services import drafts  # noqa: F401
