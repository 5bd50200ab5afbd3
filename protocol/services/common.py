"""What every protocol service shares: who runs the registers, who may work on an item, one error shape."""

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, PermissionDeniedError, fail
from core.history import history_reason
from protocol.querysets import member_paths, protocol_scope
from units.models import ServiceFunction, Unit
from units.selectors import designated_unit, service_organisations, user_manages_unit


def save_with_history(item, actor, message, fields=None, /, **params):
    """Save with the acting user and the reason (a gettext_noop message and its values) in the history."""
    item._history_user = actor
    item._change_reason = history_reason(message, **params)
    item.save(update_fields=fields)


def assign_values(item, values, fields):
    """Copy the given fields that `values` has onto the item, texts stripped of surrounding blanks."""
    for field in fields:
        if field in values:
            value = values[field]
            setattr(item, field, value.strip() if isinstance(value, str) else value)


def protocol_unit(*, organisation_id):
    """The organisation's protocol service unit; the organisation itself until one is designated."""
    return designated_unit(organisation_id=organisation_id, function=ServiceFunction.PROTOCOL)


def protocol_organisations(*, user):
    return service_organisations(user=user, function=ServiceFunction.PROTOCOL)


def runs_protocol(*, user, organisation_id):
    scope = protocol_scope(user)
    return scope is None or organisation_id in scope


def works_on(*, user, unit):
    """The user belongs to `unit` (or a unit below it) or manages it from above."""
    return any(path.startswith(unit.path) for path in member_paths(user)) or user_manages_unit(user=user, unit=unit)


def require_item_rights(*, user, item):
    """The protocol service, or the people of the unit that organises the item."""
    if runs_protocol(user=user, organisation_id=item.organisation_id) or works_on(user=user, unit=item.organising_unit):
        return
    raise PermissionDeniedError(_("Only the protocol service or the organising unit does this."))


def require_protocol(*, user, organisation_id):
    if not runs_protocol(user=user, organisation_id=organisation_id):
        raise PermissionDeniedError(_("Only the protocol service of the organisation does this."))


def is_leadership(*, user, organisation_id):
    """The minister, a deputy (or someone acting for them): a managing position at the organisation itself."""
    return user.is_superuser or user_manages_unit(user=user, unit=Unit.objects.get(pk=organisation_id))


def check_unit_in(organisation, unit, field):
    if unit is None or unit.organisation_id != organisation.pk:
        fail(field, _("Choose a unit of the organisation."))


def clean_or_fail(item, *, exclude=None):
    """The model's own field checks as our one error shape (field -> messages)."""
    from django.core.exceptions import ValidationError

    try:
        item.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        fields = error.message_dict
        first = next(iter(fields.values()))[0]
        raise ApplicationError(first, fields=fields) from None
