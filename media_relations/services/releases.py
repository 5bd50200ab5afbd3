"""Press releases: a draft goes to a head of the press service (or the leadership) through the one approval
chain; signed, it is published at its time, and under embargo only accredited journalists read it before then.
Its translations are releases of their own, linked to the first one."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, fail, fail_all
from core.history import history_reason
from core.i18n import deferred
from core.models import User
from core.services.notifications import notification_send
from documents.models import ApprovalStep
from documents.services.approval import approval_register, approval_start
from media_relations.models import PressRelease
from media_relations.services.office import press_office_unit, require_press
from units.models import MANAGING_KINDS, Membership

RELEASE_FIELDS = ("language", "title", "lead", "body", "publish_at", "embargo_until")
EDITABLE = (PressRelease.State.DRAFT,)



def _save(release, actor, reason, fields=None):
    release._history_user = actor
    release._change_reason = history_reason(reason)
    release.save(update_fields=fields)


def release_errors(*, values):
    """{field: [message]}: every rule a draft's values break, named at once; its form and the API ask too."""
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Give the release a title.")]
    if not (values.get("body") or "").strip():
        errors["body"] = [_("Write the text of the release.")]
    if values.get("language") not in PressRelease.Language.values:
        errors["language"] = [_("Choose the language of the release.")]
    now, publish_at, embargo_until = timezone.now(), values.get("publish_at"), values.get("embargo_until")
    if publish_at is not None and publish_at < now:
        errors["publish_at"] = [_("The publication time cannot be in the past.")]
    if embargo_until is not None and embargo_until < now:
        errors["embargo_until"] = [_("The embargo must end in the future.")]
    elif embargo_until is not None and publish_at is not None and embargo_until < publish_at:
        errors["embargo_until"] = [_("The embargo ends after the release is published.")]
    return errors


def press_release_save(*, actor, organisation, values, release=None, original=None):
    """Create or edit a draft. A translation names its original: same organisation, one release per language."""
    require_press(user=actor, organisation_id=organisation.pk)
    fail_all(release_errors(values=values))
    with transaction.atomic():
        if release is None:
            if original is not None:
                original = original.original or original
                if original.organisation_id != organisation.pk:
                    fail("original", _("A translation belongs to the same organisation as its original."))
                if original.language == values["language"] or original.translations.filter(language=values["language"]).exists():
                    fail("language", _("This release already has a version in that language."))
            release = PressRelease(organisation=organisation, author=actor, original=original)
            reason = gettext_noop("Drafted")
        else:
            release = PressRelease.objects.select_for_update().get(pk=release.pk)
            if release.state not in EDITABLE:
                raise ApplicationError(_("Only a draft can be edited; withdraw the release first."), code="not_draft")
            if values["language"] != release.language and PressRelease.objects.filter(
                    original_id=release.group_id, language=values["language"]).exclude(pk=release.pk).exists():
                fail("language", _("This release already has a version in that language."))
            reason = gettext_noop("Edited")
        for field in RELEASE_FIELDS:
            if field in values:
                setattr(release, field, values[field].strip() if isinstance(values[field], str) else values[field])
        release.full_clean(exclude=["organisation", "author", "original"])
        _save(release, actor, reason)
    return release


def release_approvers(*, organisation_id):
    """Who may give the head's approval: the heads of the press service and the leadership."""
    office = press_office_unit(organisation_id=organisation_id)
    held = Membership.objects.current().filter(position__kind__in=MANAGING_KINDS).filter(
        Q(position__unit__path__startswith=office.path) | Q(position__unit_id=organisation_id))
    return User.objects.filter(is_active=True, pk__in=held.values("user_id")).order_by("last_name", "first_name", "username")


def press_release_submit(*, release, actor, approver, visas=()):
    """Send the draft for approval: optional visas in order, then the head's signature."""
    require_press(user=actor, organisation_id=release.organisation_id)
    if not release_approvers(organisation_id=release.organisation_id).filter(pk=approver.pk).exists():
        fail("approver", _("Choose a head of the press service or the leadership."))
    with transaction.atomic():
        release = PressRelease.objects.select_for_update().get(pk=release.pk)
        if release.state not in EDITABLE:
            raise ApplicationError(_("Only a draft is sent for approval."), code="not_draft")
        fail_all(release_errors(values={field: getattr(release, field) for field in RELEASE_FIELDS}))
        approval_start(item=release, steps=[*[(ApprovalStep.Kind.VISA, user) for user in visas],
                                            (ApprovalStep.Kind.SIGNATURE, approver)], actor=actor)
        release.state = PressRelease.State.IN_APPROVAL
        _save(release, actor, gettext_noop("Sent for approval"), ["state", "updated_at"])
    return release


def press_release_withdraw(*, release, actor):
    """Take an approved release off the site (back to a draft, to be corrected and approved again)."""
    require_press(user=actor, organisation_id=release.organisation_id)
    with transaction.atomic():
        release = PressRelease.objects.select_for_update().get(pk=release.pk)
        if release.state != PressRelease.State.APPROVED:
            raise ApplicationError(_("Only an approved release can be withdrawn."), code="not_approved")
        release.state, release.published_at = PressRelease.State.DRAFT, None
        _save(release, actor, gettext_noop("Withdrawn"), ["state", "published_at", "updated_at"])
    return release


def _signed(release, actor):
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    release.state = PressRelease.State.APPROVED
    release.published_at = release.publish_at if release.publish_at and release.publish_at > timezone.now() else timezone.now()
    _save(release, actor, gettext_noop("Approved"), ["state", "published_at", "updated_at"])
    notification_send(recipient=release.author, kind="media.release", title=deferred(gettext_noop("Your press release is approved")),
                      body=release.title, url=reverse("media_relations:release", args=[release.pk]), actor=actor)


def _returned(release, actor, comment, *, withdrawn=False):
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    release.state = PressRelease.State.DRAFT
    _save(release, actor, gettext_noop("Withdrawn from approval") if withdrawn else gettext_noop("Returned with comments"),
          ["state", "updated_at"])
    notification_send(recipient=release.author, kind="media.release", title=deferred(gettext_noop("Your press release is returned")),
                      body=comment, url=reverse("media_relations:release", args=[release.pk]), actor=actor)


approval_register(PressRelease, signed=_signed, rejected=_returned,
                  url=lambda pk: reverse("media_relations:release", args=[pk]))
