from django.conf import settings

from core.models import PortalIdentity, User


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
