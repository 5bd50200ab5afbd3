"""What the lower layers are told of media relations: the approval chain's hooks for press releases (registered on
import of the service), who may download the files of an application, an event, an archive item."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from documents.services.attachments import attachment_access_register
from documents.services.control import control_item_register
from media_relations.models import Accreditation, ArchiveItem, MediaMention, PressEvent
from media_relations.services import releases  # noqa: F401  (registers the approval hooks)
from media_relations.services.accreditation import accreditation_term_extended


def _may_see_accreditation(user, accreditation):
    return Accreditation.objects.filter(Q(pk__in=Accreditation.objects.visible_to(user).values("pk")) | Q(journalist__user=user),
                                        pk=accreditation.pk).exists() if user.is_authenticated else False


def _may_see_archive_item(user, item):
    from media_relations.selectors import archive_list

    return archive_list(user=user).filter(pk=item.pk).exists()


attachment_access_register(Accreditation, _may_see_accreditation)
attachment_access_register(PressEvent, lambda user, event: True)  # an event's materials are for the press
attachment_access_register(ArchiveItem, _may_see_archive_item)

# an application's card closes with its decision (the journalist is told); a false report's with the answer published
control_item_register(Accreditation, owned={"report", "close", "cancel"}, extended=accreditation_term_extended,
                      place=lambda item: (_("Accreditation: %(name)s") % {"name": item.journalist.full_name},
                                          reverse("media_relations:accreditation", args=[item.pk])),
                      visible=Accreditation.objects.visible_to)
control_item_register(MediaMention, owned={"report", "close"},
                      place=lambda item: (_("Media mention: %(title)s") % {"title": item.title}, reverse("media_relations:mention", args=[item.pk])),
                      visible=MediaMention.objects.visible_to)
