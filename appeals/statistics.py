"""Monthly statistics of citizens' cases per organisation and unit: received by type, kind and channel; closed on
time and late, forwarded, not considered; the median working days to the outcome. Aggregates only: no field that
names or reaches a person leaves this module, so the same figures serve the staff page, the XLSX, the open data
endpoints and the monthly letter to the heads."""

from datetime import date, datetime, time
from statistics import median

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import CLOSED_STATES, AppealKind, Case, CaseType, Channel, Outcome
from documents.models import ControlCard
from documents.services.calendar import calendar_for
from units.models import Unit


def month_bounds(month):
    """The first moment of `month` (a date on its first day) and of the next, in the portal's time zone."""
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return (timezone.make_aware(datetime.combine(month, time.min)), timezone.make_aware(datetime.combine(following, time.min)))


def previous_month(today=None):
    today = today or timezone.localdate()
    return date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)


def parse_month(raw, default=None):
    """'2026-10' → date(2026, 10, 1); None for anything else (the caller answers 400 or uses the default)."""
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else default
    except ValueError:
        return default


def _blank_counts():
    return {"received": 0, "on_time": 0, "late": 0, "forwarded": 0, "not_considered": 0, "open": 0, "days": []}


def _close(counts):
    days = counts.pop("days")
    counts["median_working_days"] = median(days) if days else None
    return counts


def case_statistics(*, organisation, month):
    """The month's figures for `organisation` (cases received in the month, wherever they stand now), units named in
    the reader's language. Two queries."""
    start, end = month_bounds(month)
    current_card = (ControlCard.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=OuterRef("pk"))
                    .order_by("-id"))
    cases = (Case.objects.filter(organisation=organisation, received_at__gte=start, received_at__lt=end)
             .annotate(card_due=Subquery(current_card.values("due")[:1]))
             .values("case_type", "kind", "channel", "state", "outcome", "received_at", "answered_at", "card_due",
                     "unit_id", "unit__path"))
    calendar = calendar_for("AZ", around=month)
    totals, by_unit = _blank_counts(), {}
    by_type = dict.fromkeys(CaseType.values, 0)
    by_kind = dict.fromkeys(AppealKind.values, 0)
    by_channel = dict.fromkeys(Channel.values, 0)
    for row in cases:
        unit_key = (row["unit__path"] or "", row["unit_id"])
        rows = (totals, by_unit.setdefault(unit_key, _blank_counts()))
        by_type[row["case_type"]] += 1
        by_channel[row["channel"]] += 1
        if row["kind"]:
            by_kind[row["kind"]] += 1
        closed = row["state"] in CLOSED_STATES
        for counts in rows:
            counts["received"] += 1
            if row["outcome"] == Outcome.FORWARDED and closed:
                counts["forwarded"] += 1
            elif row["outcome"] == Outcome.NOT_CONSIDERED and closed:
                counts["not_considered"] += 1
            elif closed:
                on_time = row["card_due"] is None or (row["answered_at"] or row["card_due"]) <= row["card_due"]
                counts["on_time" if on_time else "late"] += 1
            else:
                counts["open"] += 1
            if row["answered_at"] is not None and row["outcome"] != Outcome.NOT_CONSIDERED:
                counts["days"].append(calendar.working_days_between(timezone.localdate(row["received_at"]),
                                                                     timezone.localdate(row["answered_at"])))
    names = {unit.pk: unit.display_name for unit in Unit.objects.filter(pk__in=[pk for _path, pk in by_unit if pk])}
    return {
        "month": month.strftime("%Y-%m"), "organisation": organisation.display_name, "totals": _close(totals),
        "by_type": [{"key": key, "label": str(CaseType(key).label), "count": count} for key, count in by_type.items()],
        "by_kind": [{"key": key, "label": str(AppealKind(key).label), "count": count} for key, count in by_kind.items()],
        "by_channel": [{"key": key, "label": str(Channel(key).label), "count": count} for key, count in by_channel.items()],
        "by_unit": [{"unit": names[pk] if pk else _("not routed yet"), **_close(counts)}
                    for (_path, pk), counts in sorted(by_unit.items(), key=lambda item: item[0][0])],
    }


STAT_COLUMNS = ("received", "on_time", "late", "forwarded", "not_considered", "open", "median_working_days")


def statistics_headers():
    return [_("Received"), _("Answered on time"), _("Answered late"), _("Forwarded"), _("Not considered"), _("Still open"),
            _("Median working days to the outcome")]


def statistics_sheets(stats):
    """The figures as spreadsheet sheets (for the XLSX export and the heads' monthly letter)."""
    totals = stats["totals"]
    return [
        (_("By unit"), [_("Unit"), *statistics_headers()],
         [*[[row["unit"], *[row[c] for c in STAT_COLUMNS]] for row in stats["by_unit"]],
          [_("Total"), *[totals[c] for c in STAT_COLUMNS]]]),
        (_("By kind and channel"), [_("Group"), _("Received")],
         [[row["label"], row["count"]] for row in (*stats["by_type"], *stats["by_kind"], *stats["by_channel"])]),
    ]


def statistics_csv_rows(stats):
    """Flat rows for the open-data CSV: month, dimension, group, measure, value."""
    rows = [["month", "dimension", "group", "measure", "value"]]
    for column in STAT_COLUMNS:
        rows.append([stats["month"], "total", "", column, stats["totals"][column]])
    for row in stats["by_unit"]:
        for column in STAT_COLUMNS:
            rows.append([stats["month"], "unit", row["unit"], column, row[column]])
    for dimension in ("by_type", "by_kind", "by_channel"):
        for row in stats[dimension]:
            rows.append([stats["month"], dimension[3:], row["key"], "received", row["count"]])
    return rows


def statistics_send_monthly(*, today=None):
    """On the first working day of a month, the previous month's figures go to the heads of each organisation and
    of its departments, once (a second run, or two workers at once, send nothing more). Returns letters queued."""
    from django.conf import settings
    from django.db import IntegrityError, transaction
    from django.urls import reverse
    from django.utils import translation

    from appeals.models import StatisticsReport
    from core.services.outbox import outbox_enqueue
    from units.selectors import unit_heads

    today = today or timezone.localdate()
    calendar = calendar_for("AZ", around=today)
    if calendar.next_working_day(today.replace(day=1), include_self=True) != today:
        return 0
    month, sent = previous_month(today), 0
    for organisation in Unit.objects.filter(parent__isnull=True, is_active=True):
        try:
            with transaction.atomic():
                StatisticsReport.objects.create(organisation=organisation, month=month)
                units = [organisation.pk, *Unit.objects.filter(parent=organisation, is_active=True).values_list("pk", flat=True)]
                heads = {user for users in unit_heads(unit_ids=units).values() for user in users if user.email}
                readers_by_language = {}
                for head in heads:
                    readers_by_language.setdefault(head.preferred_language or settings.LANGUAGE_CODE, []).append(head)
                for language, readers in readers_by_language.items():
                    with translation.override(language):  # each head reads the letter in their own language
                        stats = case_statistics(organisation=organisation, month=month)
                        totals = stats["totals"]
                        lines = [f"{header}: {totals[column] if totals[column] is not None else '—'}"
                                 for header, column in zip(statistics_headers(), STAT_COLUMNS, strict=True)]
                        link = f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('appeals:statistics')}?month={stats['month']}"
                        for head in readers:
                            outbox_enqueue(to=[head.email], subject=_("Citizens' cases, %(month)s: monthly statistics") % {
                                "month": stats["month"]}, body="\n".join([stats["organisation"], *lines, "", link]))
                            sent += 1
        except IntegrityError:
            continue  # already sent by an earlier run
    return sent
