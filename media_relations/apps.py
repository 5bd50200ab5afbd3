from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaRelationsConfig(AppConfig):
    name = "media_relations"
    verbose_name = _("Media relations")

    def ready(self):
        from core.front_door import public_service_register
        from media_relations import front_door

        public_service_register(front_door.public_services)

        from core.waiting import waiting_register
        from media_relations.selectors import accreditations_waiting, journalist_waiting

        waiting_register(accreditations_waiting)
        waiting_register(journalist_waiting, audience="journalist")
        from core.navigation import navigation_audience_register
        from media_relations import receivers  # noqa: F401  (approval hooks, file access)

        def audiences(user):
            from media_relations.models import Journalist
            from media_relations.querysets import press_scope

            found = ["journalist"] if Journalist.objects.filter(user=user).exists() else []
            return [*found, "press"] if press_scope(user) != [] else found

        navigation_audience_register(audiences)
