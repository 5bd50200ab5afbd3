from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Organisation")

    def ready(self):
        from core.front_door import public_service_register
        from units import front_door

        public_service_register(front_door.public_services)

        from core.navigation import navigation_audience_register

        def staff(user):
            from units.models import Acting, Membership

            member = Membership.objects.current().filter(user=user).exists() or Acting.objects.current().filter(user=user).exists()
            return ["staff"] if member or user.is_superuser else []

        navigation_audience_register(staff)

        from core.zones import time_zone_provider_register

        def organisation_zone_of(user):
            """The zone of the organisation the user works in, when it is not the portal's own."""
            from django.conf import settings

            from units.models import Membership, Unit

            paths = Membership.objects.current().filter(user=user).values_list("position__unit__path", flat=True)[:1]
            roots = [int(path.split(".", 1)[0]) for path in paths if path]
            zone = Unit.objects.filter(pk__in=roots).values_list("time_zone", flat=True).first()
            return zone if zone and zone != settings.TIME_ZONE else None

        time_zone_provider_register(organisation_zone_of)
