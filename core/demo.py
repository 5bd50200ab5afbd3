from django.conf import settings

from core.models import User


def demo_password():
    return getattr(settings, "DEMO_PASSWORD", "portal-demo")


def demo_user(username, *, first_name="", last_name="", is_staff=True, is_superuser=False, email=None):
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
    return user


def load(stdout):
    demo_user("admin", first_name="Portal", last_name="Administrator", is_superuser=True)
    stdout.write(f"Demo administrator: admin / {demo_password()}")
