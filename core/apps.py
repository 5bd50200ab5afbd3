from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import turkic

        turkic.install()
        from django.contrib.auth.signals import user_logged_in

        from core.navigation import navigation_audiences_store

        user_logged_in.connect(lambda sender, request, user, **kwargs: navigation_audiences_store(request, user),
                               weak=False, dispatch_uid="core.navigation_audiences")
        from core.zones import time_zone_store

        user_logged_in.connect(lambda sender, request, user, **kwargs: time_zone_store(request, user),
                               weak=False, dispatch_uid="core.time_zone")
