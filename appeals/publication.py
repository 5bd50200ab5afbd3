"""Publication of information answers (when the requester agreed): a separate copy of the request and the answer
with personal data removed. The requester's name, e-mail, phone and address are removed wherever they occur; the
executor marks anything else with [[ ]]. Each removal is stored as a marked gap, never as the removed words."""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals.models import REDACTED, Case, CaseType, PublishedAnswer
from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import history_reason

MARKED = re.compile(r"\[\[(?!removed\]\]).*?\]\]", re.DOTALL)
PHONE_DIGITS = re.compile(r"\+?\d[\d ()\-]{4,}\d")


def _known_values(case):
    """The requester's own data as it may appear in the texts: whole values and each part of the name."""
    values = [case.email, case.phone, case.address, case.name, *case.name.split()]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 3}, key=len, reverse=True)


def redact(text, case):
    """(text with removals marked, how many were removed)."""
    text, count = MARKED.subn(REDACTED, text or "")
    for value in _known_values(case):
        text, found = re.subn(re.escape(value), REDACTED, text, flags=re.IGNORECASE)
        count += found
    phone_digits = re.sub(r"\D", "", case.phone)[-7:]
    if phone_digits:  # the same number written another way: "050 123-45-67" for "+994 50 123 45 67"
        removed = []

        def drop_phone(match):
            if re.sub(r"\D", "", match.group()).endswith(phone_digits):
                removed.append(match)
                return REDACTED
            return match.group()

        text = PHONE_DIGITS.sub(drop_phone, text)
        count += len(removed)
    return text, count


def answer_publish(*, actor, case, subject, question, answer):
    """Publish the case's request and answer with the removals; only an answered information request whose
    requester agreed, by the executor or a head of the unit."""
    from appeals.services import case_actions

    if case.case_type != CaseType.INFORMATION_REQUEST or case.state != Case.State.ANSWERED:
        raise ApplicationError(_("Only an answered information request can be published."), code="wrong_state")
    if not case.publish_consent:
        raise ApplicationError(_("The requester did not agree to publication."), code="no_consent")
    if PublishedAnswer.objects.filter(case=case).exists():  # two at once: the one-to-one key refuses the second
        raise ApplicationError(_("This answer is already published."), code="published")
    if "publish" not in case_actions(user=actor, case=case):
        raise PermissionDeniedError(_("Only the executor or a head of the unit publishes the answer."))
    texts = {"subject": subject, "question": question, "answer": answer}
    for field, value in texts.items():
        if not (value or "").strip():
            raise ApplicationError(_("This field is required."), fields={field: [_("This field is required.")]})
    removals = 0
    for field in texts:
        texts[field], found = redact(texts[field].strip(), case)
        removals += found
    published = PublishedAnswer(case=case, subject=texts["subject"][:300], question=texts["question"], answer=texts["answer"],
                                removals=removals, published_by=actor)
    published._history_user = actor
    published._change_reason = history_reason(gettext_noop("Published"))
    published.save()
    return published


def published_answers():
    return PublishedAnswer.objects.filter(is_withdrawn=False).only("pk", "subject", "published_at", "removals")


def published_answer(*, pk):
    found = PublishedAnswer.objects.filter(pk=pk, is_withdrawn=False).first()
    if found is None:
        raise Http404
    return found
