import factory

from core.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@ministry.example")
    is_staff = False
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy passes the object
        if create:
            obj.save()


def open_card(*, unit, executor=None, policy="appeal.standard", start=None, title="Appeal 1", co_executors=()):
    """A control card on a fresh item (any model will do: the card is generic)."""
    from django.utils import timezone

    from documents.services.control import control_open, policy_for

    item = UserFactory(is_staff=False)  # stands in for the controlled item
    return control_open(item=item, policy=policy_for(code=policy), start=start or timezone.now(), responsible_unit=unit,
                        title=title, executor=executor, co_executors=co_executors)
