"""Every write to the organisation goes through here."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from core.exceptions import ApplicationError
from core.history import history_reason
from units.importer.text import fold, search_form
from units.models import (
    ROOT_KINDS,
    UNIT_NAME_LANGUAGES,
    Clause,
    Membership,
    Position,
    Regulation,
    Unit,
    UnitKind,
)

_TRANSLITERATION = str.maketrans({
    "ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "g", "Ğ": "G",
    "ö": "o", "Ö": "O", "ü": "u", "Ü": "U",
    **dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True)),
})


def _unique_slug(name):
    base = slugify(name.lower().translate(_TRANSLITERATION))[:100] or "unit"
    slug, n = base, 1
    while Unit.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def unit_create(*, name, kind, parent=None, short_name="", order=0, actor=None, language=""):
    """`language` is the language the name is written in (the regulation's): it becomes that language's name."""
    unit = Unit(name=name, kind=kind, parent=parent, short_name=short_name, order=order, slug=_unique_slug(name))
    if language in UNIT_NAME_LANGUAGES:
        setattr(unit, f"name_{language}", name)
    unit._history_user = actor
    unit.full_clean(exclude=["slug", "path"])
    with transaction.atomic():
        unit.save()
        unit.path = f"{parent.path if parent else ''}{unit.pk:06d}."
        unit.depth = parent.depth + 1 if parent else 0
        Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


def unit_get_or_create(*, name, kind, parent=None, actor=None, language=""):
    """Units are matched by name, case- and dot-insensitively, under the same parent."""
    siblings = Unit.objects.filter(parent=parent) if parent else Unit.objects.filter(parent__isnull=True)
    for unit in siblings.only("id", "name", "kind", "path", "depth", "parent_id"):
        if fold(unit.name) == fold(name):
            return unit, False
    order = siblings.count() + 1
    return unit_create(name=name, kind=kind, parent=parent, order=order, actor=actor, language=language), True


def unit_names_set(*, unit, names, actor=None):
    """The unit's official name in each language (`{"ru": "…"}`); a blank one falls back to the imported name.
    Returns the fields that changed (recorded in the unit's history)."""
    changed = []
    for code, value in names.items():
        if code not in UNIT_NAME_LANGUAGES:
            continue
        value = " ".join((value or "").split())
        if getattr(unit, f"name_{code}") != value:
            setattr(unit, f"name_{code}", value)
            changed.append(f"name_{code}")
    if changed:
        unit._history_user = actor
        unit._change_reason = history_reason(gettext_noop("Names in other languages changed"))
        unit.full_clean(exclude=["slug", "path", "parent"])
        unit.save(update_fields=[*changed, "updated_at"])
    return changed


def position_get_or_create(*, unit, kind, title=None):
    if not title:
        with translation.override(settings.LANGUAGE_CODE):  # kept in the state language, whoever's request creates it
            title = f"{Position(unit=unit, kind=kind).kind_title} — {unit.name}"  # "nazir — …", not "rəhbər — …"
    position, _ = Position.objects.get_or_create(unit=unit, kind=kind, defaults={"title": title})
    return position


def membership_assign(*, user, unit, kind, start=None, actor=None):
    position = position_get_or_create(unit=unit, kind=kind)
    membership = Membership.objects.filter(user=user, position=position, end__isnull=True).first()
    if membership is None:
        membership = Membership(user=user, position=position, start=start or timezone.localdate())
        membership._history_user = actor
        membership.full_clean()
        membership.save()
    return membership


def _text_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _place_units(parsed, *, actor):
    """The organisation, the optional central administration, the unit and its sectors."""
    organisation, _ = unit_get_or_create(
        name=parsed.organisation, kind=UnitKind.AGENCY if parsed.organisation_kind == "agency" else UnitKind.MINISTRY,
        actor=actor, language=parsed.language,
    )
    if parsed.is_model:
        # the model's clauses belong to the unit it describes (every service centre: one "service centre" unit
        # under the organisation), or to the organisation itself when it names none
        described = organisation
        if parsed.unit.get("name") and parsed.unit.get("kind") in UnitKind.values and parsed.unit["kind"] not in ROOT_KINDS:
            described, _ = unit_get_or_create(name=parsed.unit["name"], kind=parsed.unit["kind"], parent=organisation, actor=actor,
                                              language=parsed.language)
        return organisation, organisation, {parsed.unit["name"]: described}
    parent = organisation
    if parsed.administration:
        parent, _ = unit_get_or_create(name=parsed.administration, kind=UnitKind.ADMINISTRATION, parent=organisation, actor=actor,
                                     language=parsed.language)
    unit, _ = unit_get_or_create(name=parsed.unit["name"], kind=parsed.unit["kind"], parent=parent, actor=actor,
                                 language=parsed.language)
    sectors = {}
    for sector in parsed.sectors:
        sectors[sector["name"]], _ = unit_get_or_create(name=sector["name"], kind=UnitKind.SECTOR, parent=unit, actor=actor,
                                                   language=parsed.language)
    return organisation, unit, sectors


@transaction.atomic
def regulation_import(*, parsed, source_text, source_name="", actor=None, applies_to=()):
    """Save one parsed regulation. Idempotent: the same text changes nothing; an edited text updates
    clauses in place (their history shows the change) and marks vanished clauses repealed. A model regulation
    may name real units it `applies_to` (routing then considers its duties for them).
    Returns (regulation, summary) with counts of created, updated, repealed and unchanged clauses."""
    organisation, unit, sectors = _place_units(parsed, actor=actor)
    owner_by_name = {parsed.unit["name"]: unit, **sectors}
    default_owner = sectors.get(parsed.unit["name"], unit) if parsed.is_model else unit
    digest = _text_hash(source_text)
    identity = {"unit": unit, "language": parsed.language, "is_model": parsed.is_model,
                "model_unit_name": parsed.unit["name"] if parsed.is_model else ""}
    fields = {
        "title": parsed.title[:1000] or parsed.unit["name"], "model_for_kind": parsed.unit["kind"] if parsed.is_model else "",
        "approved_by": parsed.approval["by"] or "", "approval_date": parsed.approval["date"],
        "approval_number": parsed.approval["number"] or "", "source_name": source_name,
        "source_text": source_text, "source_hash": digest,
        "warnings": [w if isinstance(w, dict) else {"code": w.code, "detail": w.detail, "line": w.line} for w in parsed.warnings],
    }
    regulation = Regulation.objects.filter(**identity).first()
    summary = {"created": 0, "updated": 0, "repealed": 0, "unchanged": 0}
    if regulation is not None and regulation.source_hash == digest:
        summary["unchanged"] = regulation.clauses.count()
        _apply_model(regulation, parsed, applies_to)
        return regulation, summary
    if regulation is None:
        regulation = Regulation(**identity, **fields)
    else:
        for name, value in fields.items():
            setattr(regulation, name, value)
        regulation.imported_at = timezone.now()
    regulation._history_user = actor
    regulation.save()

    existing = {c.key: c for c in regulation.clauses.all()}
    new_clauses = []
    for parsed_clause in parsed.clauses:
        values = {
            "number": parsed_clause.number, "sort_key": parsed_clause.sort_key, "kind": parsed_clause.kind,
            "text": parsed_clause.text, "search_text": search_form(parsed_clause.text),
            "unit": owner_by_name.get(parsed_clause.unit, default_owner), "is_repealed": False,
        }
        clause = existing.pop(parsed_clause.key, None)
        if clause is None:
            new_clauses.append(Clause(regulation=regulation, key=parsed_clause.key, **values))
            continue
        changed = [name for name, value in values.items() if getattr(clause, name) != value]
        if changed:
            for name in changed:
                setattr(clause, name, values[name])
            clause._history_user = actor
            clause.save()
            summary["updated"] += 1
        else:
            summary["unchanged"] += 1
    if new_clauses:
        bulk_create_with_history(new_clauses, Clause, default_user=actor)
        summary["created"] = len(new_clauses)
    for clause in existing.values():
        if not clause.is_repealed:
            clause.is_repealed = True
            clause._history_user = actor
            clause._change_reason = history_reason(gettext_noop("No longer in the regulation text"))
            clause.save()
            summary["repealed"] += 1
    _apply_model(regulation, parsed, applies_to)
    return regulation, summary


def _apply_model(regulation, parsed, applies_to):
    new = [unit for unit in applies_to if parsed.is_model and not regulation.applies_to.filter(pk=unit.pk).exists()]
    if new:
        regulation.applies_to.add(*new)
        # a history record: who applied it where, and the routing index sees the change
        regulation._change_reason = history_reason(gettext_noop("Applies to: %(units)s"), units=", ".join(u.name for u in new))
        regulation.save(update_fields=["imported_at"])


def regulation_import_many(*, sources, actor=None, applies_to=()):
    """Import [(source_name, text, [parsed regulations])]. Every regulation must name its organisation
    (from the text or --organisation); otherwise nothing is saved. Returns [(source_name, regulation, summary)]."""
    unnamed = [name for name, _text, regulations in sources if any(not r.organisation for r in regulations)]
    if unnamed:
        raise ApplicationError(
            _("No ministry or agency is named in %(sources)s; give the organisation. Nothing was saved.")
            % {"sources": ", ".join(unnamed)},
            code="no_organisation", fields={"organisation": [_("Give the organisation.")]},
        )
    results = []
    with transaction.atomic():
        for name, text, regulations in sources:
            for parsed in regulations:
                regulation, summary = regulation_import(parsed=parsed, source_text=text, source_name=name, actor=actor,
                                                        applies_to=applies_to)
                results.append((name, regulation, summary))
    return results
