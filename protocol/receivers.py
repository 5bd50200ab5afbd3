"""What the lower layers are told of protocol: the approval chain's hooks for minutes (registered on import of the
service) and who may download an agreement's signed scan or a visit's files."""

from documents.services.attachments import attachment_access_register
from protocol.models import Agreement, Visit
from protocol.services import meetings  # noqa: F401  (registers the approval hooks)


def _may_see_agreement(user, agreement):
    return Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()


def _may_see_visit(user, visit):
    return Visit.objects.visible_to(user).filter(pk=visit.pk).exists()


attachment_access_register(Agreement, _may_see_agreement)
attachment_access_register(Visit, _may_see_visit)
