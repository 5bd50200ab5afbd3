"""Idempotent writes: a double click, or an API call retried with the same Idempotency-Key, creates one
item. The key is remembered per user and scope with the item it created; a repeat returns that item."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

MAX_KEY_LENGTH = 100


def idempotency_key_clean(raw):
    """The key from a header or form field: None when absent; a clear 400 when unusable."""
    if raw is None or raw == "":
        return None
    key = str(raw).strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        message = _("The Idempotency-Key must be 1 to %(max)d printable characters.") % {"max": MAX_KEY_LENGTH}
        raise ApplicationError(message, code="invalid_idempotency_key", fields={"idempotency_key": [message]})
    return key


def idempotent_create(*, user, scope, key, create):
    """Run `create()` (which returns the new item) once per (user, scope, key). Returns (item, created).
    Without a key it simply creates. Must be called outside a transaction of the caller's, or inside one
    whose rollback should undo the remembered key too (it is, when the item is rolled back)."""
    from core.models import IdempotencyKey

    if key is None:
        return create(), True
    scope = f"{scope}:{user.pk if user is not None and user.is_authenticated else 'anonymous'}"
    remembered = IdempotencyKey.objects.filter(scope=scope, key=key).first()
    if remembered is not None:
        return remembered.item, False
    try:
        with transaction.atomic():
            item = create()
            IdempotencyKey.objects.create(user=user if user is not None and user.is_authenticated else None, scope=scope, key=key,
                                          content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
            return item, True
    except IntegrityError:
        # the same key raced us and won: its item is the answer (ours was rolled back with the savepoint)
        remembered = IdempotencyKey.objects.filter(scope=scope, key=key).first()
        if remembered is None:
            raise
        return remembered.item, False



