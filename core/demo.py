import operator
from datetime import timedelta
from functools import reduce

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from core.models import Notification, PortalIdentity, User


def demo_password():
    return getattr(settings, "DEMO_PASSWORD", "portal-demo")


def demo_user(username, *, first_name="", last_name="", is_staff=False, is_superuser=False, email=None):
    """A demo login. Only the administrator gets the Django admin (is_staff); everyone else works in the
    portal's own pages, with rights from their position."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name, "last_name": last_name, "is_staff": is_staff,
            "is_superuser": is_superuser, "email": email or f"{username}@ministry.example",
        },
    )
    if created:
        user.set_password(demo_password())
        user.save(update_fields=["password"])
    elif (user.is_staff, user.is_superuser) != (is_staff, is_superuser):  # a demo database from before
        user.is_staff, user.is_superuser = is_staff, is_superuser
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


class DemoClock:
    """The demo does in a second what took weeks. `step(moment)` starts a stretch of the load that happened at
    `moment` (None: now); `settle()` moves every timestamp written during a stretch, in any model and its history, to
    that moment, keeping their order, so the pages read as the days the work took. Values computed from a moved one
    (a control card's due date) are the caller's to recompute; a "now" taken in one stretch moves with that stretch,
    wherever it is written."""

    def __init__(self):
        self._steps = []  # (when the stretch began, the moment it stands for)

    def step(self, moment):
        self._steps.append((timezone.now(), moment))

    def settle(self):
        ends = [began for began, _moment in self._steps[1:]] + [timezone.now()]
        stretches = []
        for (began, moment), end in zip(self._steps, ends, strict=True):
            if moment is None:
                continue
            stretches.append((began, end, _free_moment(moment, stretches)))
        self._steps = []
        if not stretches:
            return
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateTimeField):
                    _move_stretches(model, field.name, stretches)


def _free_moment(moment, stretches):
    """`moment`, or the end of a stretch already standing for it: stretches that stand for one moment follow one
    another in the order they ran."""
    while True:
        taken = next((m + (end - began) for began, end, m in stretches if m <= moment < m + (end - began)), None)
        if taken is None:
            return moment
        moment = taken


def _move_stretches(model, name, stretches):
    """One set-based update per field: a value written during a stretch keeps its distance from the stretch's start."""
    within = [Q(**{f"{name}__gte": began, f"{name}__lt": end}) for began, end, _moment in stretches]
    moved = Case(*(When(condition, then=F(name) + Value(moment - began, output_field=models.DurationField()))
                   for condition, (began, _end, moment) in zip(within, stretches, strict=True)),
                 default=F(name), output_field=models.DateTimeField())
    model._base_manager.filter(reduce(operator.or_, within)).update(**{name: moved})


def demo_past_notices_read(*, days=3):
    """The demo's people have read what came before the last few days (each notice half an hour after it came), so
    an inbox shows this week's news as unread, not a month's."""
    Notification.objects.filter(read_at__isnull=True, created_at__lt=timezone.now() - timedelta(days=days)).update(
        read_at=F("created_at") + Value(timedelta(minutes=30), output_field=models.DurationField()))


def load(stdout):
    demo_user("admin", first_name="Portal", last_name="Administrator", is_staff=True, is_superuser=True)
    stdout.write(f"Demo administrator: admin / {demo_password()}")
    identity, created = PortalIdentity.objects.get_or_create(pk=1, defaults={
        "name_az": "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
        "name_ru": "Министерство труда и социальной защиты населения",
        "name_en": "Ministry of Labour and Social Protection of the Population",
        # a demo's contacts: clearly not the real ministry's
        "address_az": "AZ1000, Bakı, Nümunə küçəsi 1 (demo)", "address_ru": "AZ1000, Баку, улица Нумуне, 1 (демо)",
        "address_en": "1 Numune Street, Baku AZ1000 (demo)", "phone": "+994 12 555 01 42", "email": "info@ministry.example",
        "reception_hours_az": "bazar ertəsi – cümə, 09:00–18:00", "reception_hours_ru": "понедельник – пятница, 09:00–18:00",
        "reception_hours_en": "Monday to Friday, 09:00–18:00",
        "links": "e-Gov | https://www.e-gov.az\npresident.az | https://president.az",
    })
    if created:
        stdout.write(f"Portal identity: {identity.name_az}")
