from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from appeals.selectors import case_answered_by
        from documents.selectors.approval import draft_origin_register

        draft_origin_register(case_answered_by)
        from appeals import front_door
        from core.front_door import public_service_register

        public_service_register(front_door.public_services)

        from appeals.selectors import cases_waiting
        from core.waiting import waiting_register

        waiting_register(cases_waiting)
        from appeals import receivers  # noqa: F401  (signed answers, file access)
