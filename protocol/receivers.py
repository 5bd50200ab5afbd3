"""What the lower layers are told of protocol: the approval chain's hooks for minutes (registered on import of the
service) and who may download an agreement's signed scan or a visit's files."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents.services.attachments import attachment_access_register
from documents.services.control import control_item_register
from protocol.models import Agreement, FollowUpAction, Meeting, Obligation, Visit
from protocol.services import meetings  # noqa: F401  (registers the approval hooks)


def _may_see_agreement(user, agreement):
    return Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()


def _may_see_visit(user, visit):
    return Visit.objects.visible_to(user).filter(pk=visit.pk).exists()


attachment_access_register(Agreement, _may_see_agreement)
attachment_access_register(Visit, _may_see_visit)

# a visit's card closes with its report, an obligation's when it is fulfilled or dropped; a meeting's follow-up
# action is done on its card
control_item_register(Visit, owned={"report", "close"}, place=lambda visit: (_("Visit: %(title)s") % {"title": visit.title},
                                                                             reverse("protocol:visit", args=[visit.pk])),
                      visible=Visit.objects.visible_to)
control_item_register(Obligation, owned={"report", "close", "cancel"},
                      place=lambda item: (_("Agreement: %(title)s") % {"title": item.agreement.title},
                                          reverse("protocol:agreement", args=[item.agreement_id])),
                      visible=lambda user: Obligation.objects.filter(agreement__in=Agreement.objects.visible_to(user)))
control_item_register(FollowUpAction, place=lambda item: (_("Meeting: %(title)s") % {"title": item.meeting.title},
                                                          reverse("protocol:meeting", args=[item.meeting_id])),
                      visible=lambda user: FollowUpAction.objects.filter(meeting__in=Meeting.objects.visible_to(user)))
