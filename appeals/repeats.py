"""Repeated appeals: the same person (e-mail, phone, or name and address) writing again on a similar subject.
Similarity is measured on word stems (the first five letters, which absorbs most Azerbaijani and Russian
endings) of the subjects, so "Su təchizatı kəsilib" and "Su təchizatının kəsilməsi" match."""

import re
from datetime import timedelta

from django.db.models import Q

WORD = re.compile(r"\w+", re.UNICODE)
STEM_LENGTH = 5
MIN_SIMILARITY = 0.5
CANDIDATES = 50
LOOKBACK_DAYS = 3 * 365
ANSWERS_BEFORE_UNCONSIDERED = 3  # reasoned answers in 12 months after which a repeat without new facts may be left unconsidered


def subject_stems(text):
    return {word[:STEM_LENGTH] for word in WORD.findall((text or "").casefold()) if len(word) >= 3 and not word.isdigit()}


def similarity(first, second):
    """Share of the shorter subject's stems found in the other (0..1)."""
    a, b = subject_stems(first), subject_stems(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_person(*, email="", phone="", name="", address=""):
    """The condition for cases written by the same person, or None when the values identify nobody."""
    condition = Q()
    if email:
        condition |= Q(email=email.lower())  # stored lower-case: the index serves it
    if phone:
        condition |= Q(phone=phone)
    if name and address:
        condition |= Q(name__iexact=name, address__iexact=address)
    return condition or None


def repeat_find(*, organisation, values, before, exclude_pk=None):
    """The most recent earlier case of the same person on a similar subject, or None (one indexed query)."""
    from appeals.models import Case

    person = same_person(email=values.get("email", ""), phone=values.get("phone", ""), name=values.get("name", ""),
                         address=values.get("address", ""))
    if person is None:
        return None
    candidates = (Case.objects.filter(person, organisation=organisation, received_at__lte=before,
                                      received_at__gte=before - timedelta(days=LOOKBACK_DAYS))
                  .exclude(pk=exclude_pk).only("pk", "subject", "received_at", "repeat_of_id").order_by("-received_at")[:CANDIDATES])
    for candidate in candidates:
        if similarity(candidate.subject, values.get("subject", "")) >= MIN_SIMILARITY:
            return candidate
    return None


def repeat_summary(case, *, user):
    """The same person's earlier cases on a similar subject and how many of them got a reasoned answer in the twelve
    months before this one: after three, a repeat without new facts may be left unconsidered. The count covers all
    of them; `user` sees the ones they may see and how many others there are (two queries)."""
    from appeals.models import Case

    person = same_person(email=case.email, phone=case.phone, name=case.name, address=case.address)
    if person is None:
        return {"earlier": [], "elsewhere": 0, "total": 0, "answered_last_year": 0, "may_leave_unconsidered": False}
    candidates = (Case.objects.filter(person, organisation_id=case.organisation_id, received_at__lt=case.received_at,
                                      received_at__gte=case.received_at - timedelta(days=LOOKBACK_DAYS))
                  .exclude(pk=case.pk).only("pk", "number", "subject", "state", "received_at", "answered_at", "outcome")
                  .order_by("-received_at")[:CANDIDATES])
    earlier = [c for c in candidates if c.pk == case.repeat_of_id or similarity(c.subject, case.subject) >= MIN_SIMILARITY]
    year_ago = case.received_at - timedelta(days=365)
    answered = sum(1 for c in earlier if c.state == Case.State.ANSWERED and c.answered_at and c.answered_at >= year_ago)
    visible = set(Case.objects.visible_to(user).filter(pk__in=[c.pk for c in earlier]).values_list("pk", flat=True)) if earlier else set()
    return {"earlier": [c for c in earlier if c.pk in visible], "elsewhere": len(earlier) - len(visible),
            "total": len(earlier), "answered_last_year": answered,
            "may_leave_unconsidered": answered >= ANSWERS_BEFORE_UNCONSIDERED}
