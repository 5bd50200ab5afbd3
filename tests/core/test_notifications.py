import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from core.models import Notification, OutboundEmail
from core.services.notifications import notification_send, notification_send_many
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_notice_lands_in_the_inbox_and_the_outbox_in_the_recipients_language():
    user = UserFactory(preferred_language="ru")
    notification_send(recipient=user, kind="test", title=gettext_lazy("Inbox"), body="", url="/staff/")
    notification = Notification.objects.get(recipient=user)
    assert notification.title == "Входящие"
    email = OutboundEmail.objects.get()
    assert email.to == [user.email]
    assert email.subject == "Входящие"
    assert "/staff/" in email.body


def test_nobody_is_told_of_what_they_did_themselves():
    actor, colleague = UserFactory(), UserFactory()
    created = notification_send_many(items=[(user, "test", "A case for your unit", "", "/staff/") for user in (actor, colleague)],
                                     actor=actor)
    assert [n.recipient for n in created] == [colleague]
    assert notification_send(recipient=actor, kind="test", title="Your own act", actor=actor) is None
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [[colleague.email]]


def test_staff_home_shows_the_inbox_and_marks_read(client):
    user = UserFactory()
    notification_send(recipient=user, kind="test", title="Card 12 is due tomorrow", send_email=False)
    client.force_login(user)
    page = client.get(reverse("core:staff-home") + "?lang=en")
    assert "Card 12 is due tomorrow" in page.content.decode()
    assert page.context["unread_notifications"] == 1
    notification = Notification.objects.get()
    client.post(reverse("core:notifications-read"), {"notification": [notification.pk]})
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_inbox_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    user = UserFactory()
    for n in range(25):
        notification_send(recipient=user, kind="test", title=f"Notice {n}", send_email=False)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        client.get(reverse("core:staff-home"))
