from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and execution control")

    def ready(self):
        from core.front_door import public_service_register
        from documents import front_door

        public_service_register(front_door.public_services)

        from core.waiting import waiting_register
        from documents.selectors.waiting import documents_waiting

        waiting_register(documents_waiting)

        # registers who may download a document's attachments (documents.services.attachments)
        from documents.selectors import registry  # noqa: F401

        # registers what signing or returning an outgoing draft does (documents.services.approval)
        from documents.services import drafts  # noqa: F401
