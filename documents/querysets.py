from django.db import models
from django.db.models import Q
from django.utils import timezone


class ControlCardQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state="open")

    def overdue(self, now=None):
        return self.filter(state="open", due__lt=now or timezone.now())

    def visible_to(self, user):
        """Cards of the units the user may see, plus the cards the user executes or co-executes."""
        from units.models import Unit

        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        co_executed = self.model.co_executors.through.objects.filter(user=user).values("controlcard_id")
        return self.filter(
            Q(responsible_unit__in=Unit.objects.visible_to(user).values("pk")) | Q(executor=user) | Q(pk__in=co_executed)
        )
