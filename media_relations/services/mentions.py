"""Media monitoring: mentions entered by hand or imported, the controlled response a false or distorting report
opens (policy media.false_report_response, to the units concerned), the answer linked to it, and the daily digest
to the leadership."""

from collections import Counter
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, fail, fail_all
from core.history import history_reason
from core.i18n import deferred, deferred_join, ngettext_noop
from core.models import User
from core.services.notifications import notification_send_many
from documents.services.control import control_close, control_open, policy_for
from media_relations.models import MediaMention, MonitoringDigest, PressRelease
from media_relations.services.office import press_office_unit, require_press
from units.models import MANAGING_KINDS, Membership, Unit
from units.selectors import unit_heads, unit_suggest_for_text

MENTION_FIELDS = ("outlet", "published_on", "title", "url", "summary", "tone", "topic", "is_false")



def mention_check(values):
    """The errors of one mention's values as {field: message} (the form, the API and the import share them)."""
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Give the title of the publication.")
    if values.get("outlet") is None:
        errors["outlet"] = _("Choose the outlet.")
    day = values.get("published_on")
    if day is None:
        errors["published_on"] = _("Give the date of the publication.")
    elif day > timezone.localdate():
        errors["published_on"] = _("The date of the publication cannot be in the future.")
    if values.get("tone", MediaMention.Tone.NEUTRAL) not in MediaMention.Tone.values:
        errors["tone"] = _("The tone is positive, neutral or negative.")
    return errors


def _build(organisation, values, actor):
    mention = MediaMention(organisation=organisation, created_by=actor)
    for field in MENTION_FIELDS:
        if field in values:
            setattr(mention, field, values[field].strip() if isinstance(values[field], str) else values[field])
    return mention


def _suggested_units(mention, units):
    if units or not mention.is_false:
        return list(units)
    organisation = Unit.objects.get(pk=mention.organisation_id)
    return [s["unit"] for s in unit_suggest_for_text(text=f"{mention.title} {mention.summary}", organisation=organisation, limit=1)]


def _open_response(mention, units, actor, detected_at=None):
    """The controlled response to a false report: the first unit concerned answers for it, every unit's head is
    told. Without units the press service answers."""
    responsible = units[0] if units else press_office_unit(organisation_id=mention.organisation_id)
    card = control_open(item=mention, policy=policy_for(code="media.false_report_response", organisation=responsible.organisation),
                        start=detected_at or timezone.now(), responsible_unit=responsible, actor=actor,
                        title=_("Answer to a false report: %(title)s") % {"title": mention.title})
    heads = unit_heads(unit_ids=[unit.pk for unit in units] or [responsible.pk])
    recipients = {user.pk: user for people in heads.values() for user in people}  # a head of two units is told once
    notification_send_many(items=[(user, "media.false_report", deferred(gettext_noop("A false report needs an answer")), mention.title,
                                   reverse("documents:card", args=[card.pk])) for user in recipients.values()], actor=actor)
    return card


def mention_create(*, actor, organisation, values, units=(), detected_at=None):
    """Record a mention; a false one opens its controlled response, counted from `detected_at` (now, unless the
    monitoring noticed it earlier), with units suggested from its text if none are named."""
    if detected_at is not None and detected_at > timezone.now():
        fail("detected_at", _("A report cannot be noticed in the future."))
    require_press(user=actor, organisation_id=organisation.pk)
    fail_all({field: [message] for field, message in mention_check(values).items()})
    with transaction.atomic():
        mention = _build(organisation, values, actor)
        mention.full_clean(exclude=["organisation", "outlet", "created_by", "response"])
        mention._history_user = actor
        mention._change_reason = history_reason(gettext_noop("Recorded"))
        mention.save()
        units = _suggested_units(mention, units)
        mention.units.set(units)
        if mention.is_false:
            _open_response(mention, units, actor, detected_at)
    return mention


def mention_mark_false(*, mention, actor, units=()):
    """A mention recorded as ordinary turns out false or distorting: its response is opened now."""
    require_press(user=actor, organisation_id=mention.organisation_id)
    with transaction.atomic():
        mention = MediaMention.objects.select_for_update().get(pk=mention.pk)
        if mention.is_false:
            raise ApplicationError(_("This mention is already marked false."), code="already_false")
        mention.is_false = True
        mention._history_user = actor
        mention._change_reason = history_reason(gettext_noop("Marked false or distorting"))
        mention.save(update_fields=["is_false", "updated_at"])
        units = list(units) or list(mention.units.all()) or _suggested_units(mention, ())
        mention.units.set(units)
        _open_response(mention, units, actor)
    return mention


def mention_link_answer(*, mention, actor, release):
    """The answer to a false report is a press release (published through its own approval); linking it closes
    the response's card."""
    require_press(user=actor, organisation_id=mention.organisation_id)
    if release.organisation_id != mention.organisation_id:
        fail("release", _("Choose a release of the same organisation."))
    with transaction.atomic():
        mention = MediaMention.objects.select_for_update().get(pk=mention.pk)
        if not mention.is_false:
            raise ApplicationError(_("Only a false report has an answer."), code="not_false")
        mention.response = release
        mention._history_user = actor
        mention._change_reason = history_reason(gettext_noop("Answer linked"))
        mention.save(update_fields=["response", "updated_at"])
        card = mention.control_card
        if card is not None and card.state in ("open", "paused"):
            control_close(card=card, actor=actor, result=release.title, system=True)
    return mention


def mentions_create_many(*, actor, organisation, rows):
    """Import: every row (already checked) in one transaction, so a failure leaves nothing half-imported."""
    require_press(user=actor, organisation_id=organisation.pk)
    created = []
    with transaction.atomic():
        for values, units in rows:
            created.append(mention_create(actor=actor, organisation=organisation, values=values, units=units))
    return created


def _leadership_and_office(organisation_id):
    office = press_office_unit(organisation_id=organisation_id)
    held = Membership.objects.current().filter(position__kind__in=MANAGING_KINDS, position__unit_id=organisation_id)
    if office.pk != organisation_id:
        held = held | Membership.objects.current().filter(position__kind__in=("head", "deputy"), position__unit_id=office.pk)
    return list(User.objects.filter(is_active=True, pk__in=held.values("user_id")))


def _digest_title(day, count):
    return deferred(ngettext_noop("Monitoring of %(day)s: %(count)d publication",
                    "Monitoring of %(day)s: %(count)d publications"), count=count, day=day)


def _digest_body(tones, false):
    lines = [deferred("%(tone)s: %(count)d", tone=MediaMention.Tone(tone).label, count=tones.get(tone, 0))
             for tone in MediaMention.Tone.values]
    if false:
        lines.append(deferred(gettext_noop("False or distorting:")))
        lines += [f"— {m.outlet.name}: {m.title}" for m in false]
    return deferred_join(lines)


def mentions_daily_digest(*, now=None):
    """Yesterday's monitoring for each organisation that recorded mentions: counts by tone and the false reports,
    one notice per reader. The ledger makes a second run send nothing."""
    now = now or timezone.now()
    day = timezone.localdate(now) - timedelta(days=1)
    organisation_ids = set(MediaMention.objects.filter(published_on=day).values_list("organisation_id", flat=True))
    sent = 0
    for organisation_id in sorted(organisation_ids):
        try:
            with transaction.atomic():
                MonitoringDigest.objects.create(organisation_id=organisation_id, day=day)
                mentions = list(MediaMention.objects.filter(organisation_id=organisation_id, published_on=day)
                                .select_related("outlet").order_by("-is_false", "tone", "id"))
                tones = Counter(m.tone for m in mentions)

                title = _digest_title(day, len(mentions))
                body = _digest_body(tones, [m for m in mentions if m.is_false])
                url = f"{reverse('media_relations:mentions')}?published_on={day.isoformat()}"
                readers = _leadership_and_office(organisation_id)
                notification_send_many(items=[(user, "media.digest", title, body, url) for user in readers])
                sent += len(readers)
        except IntegrityError:
            continue  # another run sent it
    return sent


def monitoring_month(raw):
    """The first and last day of the month `raw` names ("2026-11"); this month when it names none."""
    try:
        start = date.fromisoformat(f"{raw or ''}-01")
    except ValueError:
        start = timezone.localdate().replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def monitoring_report(*, organisation_ids, start, end):
    """Mentions between two days by tone, outlet and topic (three grouped queries)."""
    mentions = MediaMention.objects.filter(published_on__gte=start, published_on__lte=end)
    if organisation_ids is not None:
        mentions = mentions.filter(organisation_id__in=organisation_ids)
    by_tone = {row["tone"]: row["n"] for row in mentions.values("tone").annotate(n=Count("id"))}
    return {
        "total": sum(by_tone.values()),
        "false": mentions.filter(is_false=True).count(),
        "tone": [(MediaMention.Tone(tone).label, by_tone.get(tone, 0), tone) for tone in MediaMention.Tone.values],
        "outlet": [(row["outlet__name"], row["n"]) for row in
                   mentions.values("outlet__name").annotate(n=Count("id")).order_by("-n", "outlet__name")[:20]],
        "topic": [(row["topic"] or _("no topic"), row["n"]) for row in
                  mentions.values("topic").annotate(n=Count("id")).order_by("-n", "topic")[:20]],
    }


def release_choices_for_answer(*, organisation_id):
    return PressRelease.objects.filter(organisation_id=organisation_id).exclude(state=PressRelease.State.WITHDRAWN).order_by("-id")[:50]

