"""The press service of an organisation: who runs the registers and which unit answers for them."""

from django.utils.translation import gettext as _

from core.exceptions import PermissionDeniedError
from media_relations.models import PressOffice
from media_relations.querysets import press_scope
from units.models import Unit


def press_office_unit(*, organisation_id):
    """The unit that is the organisation's press service; the organisation itself until one is designated."""
    office = PressOffice.objects.select_related("unit").filter(organisation_id=organisation_id).first()
    return office.unit if office else Unit.objects.get(pk=organisation_id)


def runs_press(*, user, organisation_id):
    scope = press_scope(user)
    return scope is None or organisation_id in scope


def require_press(*, user, organisation_id):
    if not runs_press(user=user, organisation_id=organisation_id):
        raise PermissionDeniedError(_("Only the press service of the organisation does this."))


def press_organisations(*, user):
    """The organisations whose registers the user runs (for the choice on a form)."""
    scope = press_scope(user)
    roots = Unit.objects.roots().active()
    return roots if scope is None else roots.filter(pk__in=scope)
