"""The portal's identity as pages show it: the organisation's name in the reader's language, emblem, contacts and
links. Read once and cached (every page's header and footer show it); the admin's save clears the cache."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from core.models import PortalIdentity

_CACHE_KEY = "portal-identity-v2"


def _stored():
    data = cache.get(_CACHE_KEY)
    if data is None:
        row = PortalIdentity.objects.filter(pk=1).first()
        data = {} if row is None else {
            "names": {code: getattr(row, f"name_{code}") for code in ("az", "ru", "en")},
            "hours": {code: getattr(row, f"reception_hours_{code}") for code in ("az", "ru", "en")},
            "addresses": {code: getattr(row, f"address_{code}") for code in ("az", "ru", "en")},
            "has_emblem": bool(row.emblem), "phone": row.phone, "email": row.email,
            "links": _links(row.links), "version": int(row.updated_at.timestamp()),
        }
        cache.set(_CACHE_KEY, data, 3600)
    return data


def _links(text):
    links = []
    for line in (text or "").splitlines():
        title, _bar, url = line.partition("|")
        if url.strip().startswith(("https://", "http://")):
            links.append({"title": title.strip(), "url": url.strip()})
    return links


def _in_language(values, fallback=""):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return values.get(language) or values.get("az") or fallback


def portal_identity():
    """What the header and footer show, in the active language."""
    data = _stored()
    name = _in_language(data.get("names", {}), settings.PORTAL_ORGANISATION_NAME)
    emblem = (f"{reverse('core:emblem')}?v={data['version']}" if data.get("has_emblem") else static("img/emblem.svg"))
    return {"organisation": name, "emblem_url": emblem, "address": _in_language(data.get("addresses", {})), "phone": data.get("phone", ""),
            "email": data.get("email", ""), "reception_hours": _in_language(data.get("hours", {})),
            "links": data.get("links", [])}


@receiver([post_save, post_delete], sender=PortalIdentity, dispatch_uid="core.identity_cache")
def _forget(**kwargs):
    cache.delete(_CACHE_KEY)
