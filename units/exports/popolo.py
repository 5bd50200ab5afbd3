"""The organisation chart as Popolo JSON (https://www.popoloproject.com/specs/): organizations with `parent_id` and
`classification`, posts, and the memberships that fill them with their start and end dates. People appear by name
only: no contact data of any kind."""

from django.db.models import Q
from django.utils import timezone

from core.models import in_declared_order
from units.models import Acting, Membership, Position, PositionKind, Unit


def _organisation_id(unit):
    return f"unit/{unit.slug}"


def popolo_chart(*, unit, on=None):
    """The chart of `unit` and every unit below it. Four queries whatever its size."""
    on = on or timezone.localdate()
    units = list(Unit.objects.filter(path__startswith=unit.path, is_active=True).order_by("path"))
    ids = {u.pk: u for u in units}
    positions = list(Position.objects.filter(unit_id__in=ids).order_by("unit__path", in_declared_order("kind", PositionKind), "id"))
    current = Q(end__isnull=True) | Q(end__gte=on)
    memberships = list(Membership.objects.filter(current, position__in=positions).select_related("user").order_by("start", "id"))
    actings = list(Acting.objects.filter(position__in=positions, end__gte=on).select_related("user").order_by("start", "id"))
    people = {record.user_id: record.user for record in [*memberships, *actings] if record.user.is_active}
    position_units = {position.pk: ids[position.unit_id] for position in positions}
    kinds = {position.pk: position.kind for position in positions}
    return {
        "organizations": [
            {"id": _organisation_id(u), "name": u.name, **({"other_names": [{"name": u.short_name}]} if u.short_name else {}),
             "classification": u.kind, "parent_id": _organisation_id(ids[u.parent_id]) if u.parent_id in ids else None}
            for u in units],
        "posts": [
            {"id": f"post/{position.pk}", "label": position.title, "role": position.kind,
             "organization_id": _organisation_id(position_units[position.pk])}
            for position in positions],
        "persons": [{"id": f"person/{user.pk}", "name": user.get_full_name() or user.username}
                    for user in sorted(people.values(), key=lambda user: user.pk)],
        "memberships": [
            *({"id": f"membership/{m.pk}", "person_id": f"person/{m.user_id}", "post_id": f"post/{m.position_id}",
               "organization_id": _organisation_id(position_units[m.position_id]), "role": kinds[m.position_id],
               "start_date": m.start.isoformat(), **({"end_date": m.end.isoformat()} if m.end else {})}
              for m in memberships if m.user_id in people),
            *({"id": f"acting/{a.pk}", "person_id": f"person/{a.user_id}", "post_id": f"post/{a.position_id}",
               "organization_id": _organisation_id(position_units[a.position_id]), "role": kinds[a.position_id], "label": "acting",
               "start_date": a.start.isoformat(), "end_date": a.end.isoformat()}
              for a in actings if a.user_id in people),
        ],
    }
