"""The attachment store: one for every app. A file is accepted by what its content is (not its name or the
type the browser claims), within a size and a count limit, stored under the media root with a random name;
the original name is kept for the download."""

import hashlib
from pathlib import PurePath

import puremagic
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exceptions import ApplicationError
from documents.models import Attachment

# what a ministry exchanges: office documents, PDFs, scans and photos, plain text
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "text/plain": ".txt",
}
_BY_EXTENSION = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 ".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet"}


def _sniff(head, name):
    """The file's type from its first bytes. Office formats are ZIP containers: the content says ZIP, and
    the name picks among the ZIP-based types we accept (any other ZIP is refused); everything else must be
    recognised by its content alone. Text is text when it is UTF-8 without NUL bytes."""
    if head.startswith(b"PK\x03\x04"):
        return _BY_EXTENSION.get(PurePath(name).suffix.lower())
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    mimes = [m.mime_type for m in matches if m.mime_type]
    for mime in mimes:
        if mime in ALLOWED_TYPES:
            return mime
    if mimes or b"\x00" in head:
        return None
    for cut in range(4):  # the first 8 kB may end inside a character
        try:
            head[:len(head) - cut].decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            continue
    return None


def attachment_check(upload):
    """The upload's type, or a clear, translated error naming the field."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        message = _("“%(name)s” is larger than %(mb)d MB.") % {"name": upload.name, "mb": limit // (1024 * 1024)}
        raise ApplicationError(message, code="attachment_too_large", fields={"attachments": [message]})
    if upload.size == 0:
        message = _("“%(name)s” is empty.") % {"name": upload.name}
        raise ApplicationError(message, code="attachment_empty", fields={"attachments": [message]})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    mime = _sniff(head, upload.name)
    if mime is None:
        message = _("“%(name)s” is not a PDF, an office document, an image or plain text.") % {"name": upload.name}
        raise ApplicationError(message, code="attachment_type", fields={"attachments": [message]})
    return mime


def attachments_check_all(uploads, *, existing=0):
    """[(upload, type)] for every upload, or the first clear error: too many, too large, empty, wrong type."""
    if existing + len(uploads) > settings.ATTACHMENT_MAX_COUNT:
        message = ngettext("At most %(count)d file can be attached.", "At most %(count)d files can be attached.", settings.ATTACHMENT_MAX_COUNT) % {"count": settings.ATTACHMENT_MAX_COUNT}
        raise ApplicationError(message, code="attachment_count", fields={"attachments": [message]})
    return [(upload, attachment_check(upload)) for upload in uploads]


# model -> function(user, item) -> bool: whether a user may download the item's files. Each app registers
# its models (the lower layer defines the hook, the higher layers register), so files follow visibility.
_ACCESS = {}


def attachment_access_register(model, may_see):
    _ACCESS[model] = may_see


def attachment_may_download(*, user, attachment):
    item = attachment.item
    may_see = _ACCESS.get(type(item))
    return item is not None and may_see is not None and may_see(user, item)


def attachment_add_many(*, item, uploads, actor):
    """Check every upload first (nothing is stored if one is refused), then store them on `item`."""
    uploads = list(uploads)
    existing = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).count()
    checked = attachments_check_all(uploads, existing=existing)
    created = []
    with transaction.atomic():
        for upload, mime in checked:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            attachment = Attachment(item=item, original_name=PurePath(upload.name).name[:255], mime_type=mime,
                                    size=upload.size, sha256=digest.hexdigest(), uploaded_by=actor)
            attachment.file.save("upload", upload, save=False)
            attachment.save()
            created.append(attachment)
    return created


def attachments_of(item):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


def attachments_attach(items):
    """Set `files`, its attachments in upload order, on each of `items` (one model's objects): one query for a page
    that lists many."""
    items = list(items)
    files = {item.pk: [] for item in items}
    if items:
        for attachment in Attachment.objects.filter(content_type=ContentType.objects.get_for_model(items[0]),
                                                    object_id__in=list(files)).order_by("uploaded_at", "id"):
            files[attachment.object_id].append(attachment)
    for item in items:
        item.files = files[item.pk]
    return items


def attachment_response(attachment):
    """The file as a download, its type as its content said when it was checked (never guessed again)."""
    from django.http import FileResponse

    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.mime_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment_thumbnail(attachment, *, size=480):
    """A JPEG preview of an image attachment (Pillow), at most `size` pixels on its longer side; None when the
    image cannot be read."""
    from io import BytesIO

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with attachment.file.open("rb") as stream, Image.open(stream) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((size, size))
            buffer = BytesIO()
            image.save(buffer, "JPEG", quality=82)
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
