"""The press service of an organisation: who runs the registers and which unit answers for them."""

from django.utils.translation import gettext as _

from core.exceptions import PermissionDeniedError
from media_relations.querysets import press_scope
from units.models import ServiceFunction
from units.selectors import designated_unit, service_organisations


def press_office_unit(*, organisation_id):
    """The unit that is the organisation's press service; the organisation itself until one is designated."""
    return designated_unit(organisation_id=organisation_id, function=ServiceFunction.PRESS)


def runs_press(*, user, organisation_id):
    scope = press_scope(user)
    return scope is None or organisation_id in scope


def require_press(*, user, organisation_id):
    if not runs_press(user=user, organisation_id=organisation_id):
        raise PermissionDeniedError(_("Only the press service of the organisation does this."))


def press_organisations(*, user):
    """The organisations whose registers the user runs (for the choice on a form)."""
    return service_organisations(user=user, function=ServiceFunction.PRESS)
