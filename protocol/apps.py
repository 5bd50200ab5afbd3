from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "protocol"
    verbose_name = _("Protocol")

    def ready(self):
        from documents.selectors.approval import draft_origin_register
        from protocol.selectors import visit_of_letter

        draft_origin_register(visit_of_letter)
        from core.waiting import waiting_register
        from protocol.selectors import visits_waiting

        waiting_register(visits_waiting)
        from core.navigation import navigation_audience_register
        from protocol import receivers  # noqa: F401  (approval hooks, file access)

        def audiences(user):
            from protocol.models import Visit
            from protocol.querysets import protocol_scope

            return ["protocol"] if protocol_scope(user) != [] or Visit.objects.visible_to(user).exists() else []

        navigation_audience_register(audiences)
