"""API tokens for integrators: created with a name and an expiry, listed, revoked."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.models import ApiToken


def api_token_create(*, user, name, days):
    """A new token for `user`, valid for `days` days. Returns (token row, the token text): the text is
    shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Give the token a name, e.g. the system that will use it."),
                               fields={"name": [_("This field is required.")]})
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        message = _("A token is valid for 1 to %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}
        raise ApplicationError(message, fields={"days": [message]})
    with transaction.atomic():
        token, text = ApiToken.objects.create(user=user, expiry=timedelta(days=days), name=name[:100])
    return token, text


def api_token_revoke(*, user, token_key):
    """Revoke one of the user's own tokens; revoking a token that is not theirs, or gone, does nothing."""
    deleted, _detail = ApiToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted > 0
