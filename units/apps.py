from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Organisation")

    def ready(self):
        from core.navigation import navigation_audience_register

        def staff(user):
            from units.models import Acting, Membership

            member = Membership.objects.current().filter(user=user).exists() or Acting.objects.current().filter(user=user).exists()
            return ["staff"] if member or user.is_superuser else []

        navigation_audience_register(staff)
