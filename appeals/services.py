"""Every write on a citizen's case: submission and registration, routing, assignment, clarification, the
answer through the approval chain. Each reuses the documents layer: the numbering service, control cards
and their policies, attachments, the outgoing draft and its approval route, the outbox."""


from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals.models import (
    AnswerForm,
    AppealKind,
    Case,
    CaseMessage,
    CaseType,
    Channel,
    NotConsideredGround,
    Outcome,
    PublishedAnswer,
    RefusalGround,
    Urgency,
)
from appeals.repeats import repeat_find
from core.contacts import contact_errors
from core.exceptions import ApplicationError, PermissionDeniedError, fail, fail_all
from core.history import history_reason
from core.i18n import deferred, deferred_join
from core.idempotency import idempotent_create
from core.services.notifications import notification_send_many
from core.services.outbox import outbox_enqueue, outbox_enqueue_personal
from documents.models import Journal
from documents.services.attachments import attachment_add_many, attachments_check_all
from documents.services.control import (
    control_change_policy,
    control_close,
    control_extend,
    control_open,
    control_pause,
    control_reassign,
    control_reopen,
    control_resume,
    control_term_text,
    policy_for,
)
from documents.services.drafts import draft_save, draft_send_for_approval
from documents.services.numbering import registration_number_next
from units.selectors import (
    unit_heads,
    unit_ranking_for_text,
    unit_staff,
    user_is_registry_for,
    user_manages_unit,
)

JOURNALS = {CaseType.APPEAL: ("appeals", gettext_noop("Citizens' appeals"), "M-{seq}/{yy}"),
            CaseType.INFORMATION_REQUEST: ("information-requests", gettext_noop("Information requests"), "I-{seq}/{yy}")}
POLICIES = {Urgency.NONE: "inforequest.standard", Urgency.LOSES_VALUE: "inforequest.urgent",
            Urgency.LIFE_LIBERTY: "inforequest.life_liberty"}
ANONYMOUS_REASON = gettext_noop(
    "An anonymous written appeal (no name and no address to answer to) is not considered "
    "(Law “On citizens' appeals”, art. 6.3–6.4). It is registered and kept.")
FORWARD_POLICIES = {CaseType.APPEAL: "appeal.forward", CaseType.INFORMATION_REQUEST: "inforequest.forward"}
NOT_CONSIDERED_POLICY = "appeal.left_unconsidered_notice"
NOTICE_POLICIES = (*FORWARD_POLICIES.values(), NOT_CONSIDERED_POLICY)
CITIZEN = gettext_noop("Citizen")  # the addressee of a letter to someone who gave no name



def _save(case, actor, reason, fields=None):
    case._history_user = actor
    case._change_reason = reason
    case.save(update_fields=fields) if fields else case.save()


def _clean(case_type, data):
    """The submission's values, stripped, or a clear error naming every field at fault."""
    values = {key: (value.strip() if isinstance(value, str) else value) for key, value in data.items()}
    if values.get("email"):
        values["email"] = values["email"].lower()
    fail_all(submission_errors(case_type, values))
    return values


def submission_errors(case_type, values):
    """{field: [message]}: every rule a submission of `case_type` breaks, named at once. The forms ask too, with
    whatever fields they could read, so their first answer names them all."""
    errors = {}
    if case_type == CaseType.APPEAL and values.get("kind") not in AppealKind.values:
        errors["kind"] = [_("Choose an application, a complaint or a suggestion.")]
    if not values.get("subject"):
        errors["subject"] = [_("Say briefly what it is about.")]
    if not values.get("text"):
        errors["text"] = [_("Write your appeal.") if case_type == CaseType.APPEAL else _("Say what information you need.")]
    errors.update(contact_errors(values))
    if values.get("is_collective") and (values.get("signatories") or 1) < 2:
        errors["signatories"] = [_("A collective appeal has at least two signatories.")]
    if case_type == CaseType.INFORMATION_REQUEST:
        if values.get("urgency", Urgency.NONE) not in Urgency.values:
            errors["urgency"] = [_("Choose the ground of urgency.")]
        elif values.get("urgency", Urgency.NONE) != Urgency.NONE and not values.get("urgency_explanation"):
            errors["urgency_explanation"] = [_("Explain why the answer is urgent.")]
        if values.get("answer_form", AnswerForm.EMAIL) not in AnswerForm.values:
            errors["answer_form"] = [_("Choose how you want the answer.")]
        if not values.get("name"):
            errors["name"] = [_("Give your name: the law asks for it in an information request.")]
        if not (values.get("email") or values.get("address")):
            errors["email"] = [_("Give an e-mail or a postal address for the answer.")]
    return errors


def _language(requested):
    """The citizen's language for our letters: the one asked for (the clerk's form), else the page's."""
    languages = dict(settings.LANGUAGES)
    return requested if requested in languages else (translation.get_language() or settings.LANGUAGE_CODE)[:8]


def _journal(organisation, case_type):
    code, name, number_format = JOURNALS[case_type]
    journal, _created = Journal.objects.get_or_create(organisation=organisation, code=code,
                                                      defaults={"name": name, "direction": "incoming", "number_format": number_format})
    return journal


# the nomenclature's files for cases (kept 5 years, then disposed of by act unless held); an organisation whose
# approved nomenclature already has a file under the same index keeps its own title and retention
CASE_FILES = {CaseType.APPEAL: ("01-13", gettext_noop("Citizens' appeals and the answers to them")),
              CaseType.INFORMATION_REQUEST: ("01-14", gettext_noop("Information requests and the answers to them"))}
CASE_RETENTION_YEARS = 5
CASE_RETENTION_BASIS = gettext_noop("Nomenclature of case files: citizens' appeals, 5 years (verify against the approved nomenclature)")


def _case_file(organisation, case_type, year):
    from documents.models import CaseFile

    index, title = CASE_FILES[case_type]
    with translation.override(settings.LANGUAGE_CODE):  # the nomenclature is kept in the state language
        defaults = {"unit": organisation, "title": _(title), "retention_years": CASE_RETENTION_YEARS,
                    "legal_basis": _(CASE_RETENTION_BASIS)}
    case_file, _created = CaseFile.objects.get_or_create(organisation=organisation, year=year, index=index, defaults=defaults)
    return case_file


def _policy_code_for(case_type, urgency):
    return "appeal.standard" if case_type == CaseType.APPEAL else POLICIES[urgency]


def _policy_code(case):
    return _policy_code_for(case.case_type, case.urgency)


def case_card(case):
    """The case's control card (one per case; a contested case reopens it)."""
    from documents.models import ControlCard

    return (ControlCard.objects.filter(content_type__app_label="appeals", content_type__model="case", object_id=case.pk)
            .select_related("policy").order_by("-id").first())


def tracking_url(case):
    return reverse("appeals:track", args=[case.tracking_token])


def _notify_citizen(case, subject, body="", typed="", **params):
    outbox_enqueue_personal(to=case.email, language=case.language, path=tracking_url(case), link_label=gettext_noop("Follow your case"),
                  subject=subject, body=body, typed=typed, **params)


def _due_text(card):
    return timezone.localtime(card.due).strftime("%d.%m.%Y %H:%M")


def _notice(case, actor, text):
    """A notice to the citizen that stays in the case's timeline (an extension, a forwarding)."""
    CaseMessage.objects.create(case=case, direction=CaseMessage.Direction.NOTICE, text=text, author=actor)


def _tell_staff(case, users, *, actor, title, body=""):
    """Staff of the case's unit learn what needs them, in the inbox and by e-mail (never the one who acted)."""
    url = reverse("appeals:staff-case", args=[case.pk])
    notification_send_many(items=[(user, "appeals.case", title, body or case.subject, url)
                                  for user in sorted(users, key=lambda user: user.pk)], actor=actor)


def _unit_heads(case):
    return unit_heads(unit_ids=[case.unit_id]).get(case.unit_id, []) if case.unit_id else []


def _answering(case):
    """Who answers the case: its executor, else the heads of its unit."""
    return [case.executor] if case.executor_id else _unit_heads(case)


def is_registry(*, user, organisation):
    """The organisation's registry: registers cases that arrive on paper, by phone or at a reception, and runs the
    reception of citizens."""
    return user.is_superuser or user_is_registry_for(user=user, unit=organisation)


def case_submit(*, organisation, case_type, data, attachments=(), channel=Channel.ONLINE, received_at=None, actor=None,
                idempotency_key=None):
    """Register a case: the next number of the organisation's journal, a control card with the statutory term
    counted from receipt, the suggested unit, the files. An anonymous appeal is registered and closed as not
    considered. The same idempotency key returns the first case. Returns (case, created)."""
    if case_type not in CaseType.values:
        fail("case_type", _("Choose an appeal or an information request."))
    if channel not in Channel.values:
        fail("channel", _("Choose how the case arrived."))
    values = _clean(case_type, data)
    attachments = list(attachments)
    attachments_check_all(attachments)
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        fail("received_at", _("The date of receipt cannot be in the future."))

    suggestions = unit_ranking_for_text(text=f"{values['subject']} {values['text']}", organisation=organisation, limit=1)
    if channel != Channel.ONLINE and not (actor and is_registry(user=actor, organisation=organisation)):
        raise PermissionDeniedError(_("Only the registry registers cases that arrive by post, e-mail, phone or at a reception."))
    repeat_of = repeat_find(organisation=organisation, values=values, before=received_at)

    journal = _journal(organisation, case_type)
    case_file = _case_file(organisation, case_type, timezone.localtime(received_at).year)
    policy = policy_for(code=_policy_code_for(case_type, values.get("urgency") or Urgency.NONE), organisation=organisation)

    case = Case(
        organisation=organisation, case_type=case_type, kind=values.get("kind", "") if case_type == CaseType.APPEAL else "",
        channel=channel, received_at=received_at, journal=journal,
        subject=values["subject"][:300], text=values["text"], answer_form=values.get("answer_form") or AnswerForm.EMAIL,
        urgency=values.get("urgency") or Urgency.NONE, urgency_explanation=values.get("urgency_explanation", ""),
        name=values.get("name", ""), email=values.get("email", ""), phone=values.get("phone", ""),
        address=values.get("address", ""), is_collective=bool(values.get("is_collective")),
        signatories=values.get("signatories") or 1, registered_by=actor,
        suggested_unit_id=suggestions[0]["unit_id"] if suggestions else None,
        suggested_clauses=", ".join(suggestions[0]["clauses"])[:200] if suggestions else "",
        repeat_of=repeat_of, publish_consent=bool(values.get("publish_consent")) and case_type == CaseType.INFORMATION_REQUEST,
        language=_language(values.get("language")), case_file=case_file,
    )
    # the values were checked above and the number will be the counter's: only the fields' own limits remain
    case.full_clean(exclude=["journal", "organisation", "tracking_token", "suggested_unit", "registered_by", "repeat_of",
                             "case_file", "year", "sequence", "number"], validate_unique=False, validate_constraints=False)

    def create():
        with transaction.atomic():
            # the journal's counter row stays locked from here to the commit: only this case's own rows are written
            case.year, case.sequence, case.number = registration_number_next(journal=journal, on=timezone.localtime(received_at).date())
            number = case.number
            _save(case, actor, history_reason(gettext_noop("Registered as %(number)s"), number=number))
            if attachments:
                attachment_add_many(item=case, uploads=attachments, actor=actor)
            card = control_open(item=case, policy=policy, start=received_at, responsible_unit=organisation,
                                title=f"{number}: {case.subject}", actor=actor)
            case.registration_card = card  # the submitter's answer explains the due date without reading it back
            anonymous = case_type == CaseType.APPEAL and not (case.name or case.email or case.phone or case.address)
            if anonymous:
                case.state, case.outcome, case.outcome_reason = Case.State.NOT_CONSIDERED, Outcome.NOT_CONSIDERED, ANONYMOUS_REASON
                case.not_considered_ground = NotConsideredGround.ANONYMOUS
                _save(case, actor, history_reason(ANONYMOUS_REASON), ["state", "outcome", "outcome_reason", "not_considered_ground"])
                control_close(card=card, actor=None, result=ANONYMOUS_REASON, system=True)
            else:
                _notify_citizen(case, gettext_noop("Your appeal is registered: %(number)s"),
                                gettext_noop("Your case %(number)s is registered. The answer is due by %(due)s."),
                                number=number, due=_due_text(card))
            return case

    return idempotent_create(user=actor, scope=f"case:{organisation.pk}", key=idempotency_key, create=create)


# the states in which each staff action is possible
_OPEN = {Case.State.REGISTERED, Case.State.ROUTED, Case.State.IN_PROGRESS, Case.State.WAITING_CITIZEN}
ACTION_STATES = {
    "route": _OPEN,
    "assign": {Case.State.ROUTED, Case.State.IN_PROGRESS},
    "clarify": {Case.State.IN_PROGRESS},
    "answer": {Case.State.IN_PROGRESS},
    "forward": {Case.State.REGISTERED, Case.State.ROUTED, Case.State.IN_PROGRESS},
    "extra_study": _OPEN,
    "extend": {Case.State.ROUTED, Case.State.IN_PROGRESS, Case.State.WAITING_CITIZEN},
    "publish": {Case.State.ANSWERED},
}


def _permitted(user, case):
    """{action: may `user` take it on `case`}, with the user's standing looked up once. Who may: the registry (or
    a head of the organisation) routes and switches an appeal to extra study; a head of the unit assigns, extends
    and switches too; the executor or a head of the unit asks, answers and publishes; the registry, the executor or
    a head forwards."""
    registry = user_is_registry_for(user=user, unit=case.organisation) or user_manages_unit(user=user, unit=case.organisation)
    manages = case.unit is not None and user_manages_unit(user=user, unit=case.unit)
    works_on = manages or case.executor_id == user.pk
    return {
        "route": registry,
        "assign": manages,
        "extend": manages,
        "clarify": works_on,
        "answer": works_on,
        "extra_study": case.case_type == CaseType.APPEAL and (registry or manages),
        "forward": registry or works_on,
        "publish": (case.case_type == CaseType.INFORMATION_REQUEST and case.publish_consent and works_on
                    and not PublishedAnswer.objects.filter(case=case).exists()),
    }


def _holds_role(user, case, action):
    return _permitted(user, case)[action]


def case_actions(*, user, case):
    """The staff actions `user` may take on `case` now (the pages offer these; the services check the same)."""
    permitted = _permitted(user, case)
    return {action for action, states in ACTION_STATES.items() if case.state in states and permitted[action]}


def _require(actor, case, action):
    if not _holds_role(actor, case, action):
        raise PermissionDeniedError({
            "route": _("Only the registry routes cases."), "assign": _("Only a head of the unit assigns the executor."),
            "extend": _("Only a head of the unit extends the term."),
            "extra_study": _("Only the registry or a head of the unit puts an appeal under extra study."),
        }.get(action, _("Only the executor or a head of the unit works on the case.")))


def _locked_case(case, action):
    """The case locked for `action`, with the caller's right and the state checked."""
    case = Case.objects.select_for_update(of=("self",)).select_related("unit", "organisation", "answer_draft").get(pk=case.pk)
    if case.state not in ACTION_STATES[action]:
        raise ApplicationError(_("That is not possible while the case is %(state)s.") % {"state": case.get_state_display()},
                               code="wrong_state")
    return case


def case_route(*, actor, case, unit):
    """The registry sends the case to the competent unit (the suggestion or another of the organisation's)."""
    _require(actor, case, "route")  # the organisation never changes: checking the caller's copy is safe
    if not unit.path.startswith(case.organisation.path):
        fail("unit", _("Choose a unit of the organisation."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state not in ACTION_STATES["route"]:
            raise ApplicationError(_("This case can no longer be routed."), code="wrong_state")
        case.unit, case.executor, case.state = unit, None, Case.State.ROUTED
        _save(case, actor, history_reason(gettext_noop("Routed to %(unit)s"), unit=unit), ["unit", "executor", "state"])
        control_reassign(card=case_card(case), actor=actor, responsible_unit=unit)
        _tell_staff(case, _unit_heads(case), actor=actor,
                    title=deferred(gettext_noop("A citizen's case for your unit: %(number)s"), number=case.number))
    return case


def case_assign(*, actor, case, executor):
    """A head of the unit names the executor (someone working in the unit or below)."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
        _require(actor, case, "assign")
        if not unit_staff(unit=case.unit).filter(pk=executor.pk).exists():
            fail("executor", _("%(user)s does not work in %(unit)s.") % {"user": executor, "unit": case.unit.display_name})
        if case.state not in ACTION_STATES["assign"]:
            raise ApplicationError(_("This case cannot be assigned now."), code="wrong_state")
        case.executor, case.state = executor, Case.State.IN_PROGRESS
        _save(case, actor, history_reason(gettext_noop("Assigned to %(user)s"), user=str(executor)), ["executor", "state"])
        card = control_reassign(card=case_card(case), actor=actor, responsible_unit=case.unit, executor=executor)
        _tell_staff(case, [executor], actor=actor, title=deferred(gettext_noop("A citizen's case for you: %(number)s"), number=case.number),
                    body=deferred_join([case.subject, control_term_text(card)]))
    return case


def case_ask_clarification(*, actor, case, question):
    """Ask the citizen to clarify: the clock stops until the reply."""
    if not (question or "").strip():
        fail("question", _("Write what the citizen should clarify."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
        _require(actor, case, "clarify")
        if not (case.email or case.phone or case.address):
            fail("question", _("The citizen left no contact to ask."))
        if case.state not in ACTION_STATES["clarify"]:
            raise ApplicationError(_("Clarification can be asked only while the case is in progress."), code="wrong_state")
        CaseMessage.objects.create(case=case, direction=CaseMessage.Direction.TO_CITIZEN, text=question.strip(), author=actor)
        control_pause(card=case_card(case), actor=actor, reason=question.strip()[:500])
        case.state = Case.State.WAITING_CITIZEN
        _save(case, actor, history_reason(gettext_noop("Clarification asked: %(question)s"), question=question.strip()[:200]),
              ["state"])
        _notify_citizen(case, gettext_noop("Please clarify your case %(number)s"), typed=question.strip(), number=case.number)
    return case


def case_reply(*, case, text):
    """The citizen's reply through the tracking link: the clock restarts from the days that remained."""
    if not (text or "").strip():
        fail("text", _("Write your reply."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != Case.State.WAITING_CITIZEN:
            raise ApplicationError(_("No clarification is asked on this case now."), code="wrong_state")
        CaseMessage.objects.create(case=case, direction=CaseMessage.Direction.FROM_CITIZEN, text=text.strip()[:10000])
        control_resume(card=case_card(case), actor=None, on_event=history_reason(gettext_noop("The citizen replied")))
        case.state = Case.State.IN_PROGRESS
        _save(case, None, history_reason(gettext_noop("The citizen replied")), ["state"])
        _tell_staff(case, _answering(case), actor=None, body=text.strip(),
                    title=deferred(gettext_noop("The citizen replied: %(number)s"), number=case.number))
    return case


def case_extra_study(*, actor, case, reason):
    """The appeal needs extra study or checking: the term becomes 30 working days from registration (art. 10.1);
    the citizen is told the new date."""
    with transaction.atomic():
        case = _locked_case(case, "extra_study")
        _require(actor, case, "extra_study")
        card = case_card(case)
        if card.policy.code != "appeal.standard":
            raise ApplicationError(_("Only an appeal under the standard term can be put under extra study."), code="wrong_policy")
        card = control_change_policy(card=card, actor=actor, reason=reason,
                                     policy=policy_for(code="appeal.extra_study", organisation=case.organisation))
        _save(case, actor, history_reason(gettext_noop("Extra study: %(reason)s"), reason=reason.strip()[:200]), [])
        _notice(case, actor, reason.strip())
        _notify_citizen(case, gettext_noop("New term for your case %(number)s"),
                        gettext_noop("Your case %(number)s needs extra study. The answer is now due by %(due)s."),
                        typed=reason.strip(), number=case.number, due=_due_text(card))
    return case


def case_extend(*, actor, case, days, reason):
    """A head of the unit extends the term (within the policy's maximum, on its legal basis); the citizen is told."""
    with transaction.atomic():
        case = _locked_case(case, "extend")
        _require(actor, case, "extend")
        card = case_card(case)
        card = control_extend(card=card, actor=actor, reason=reason, legal_basis=card.policy.legal_basis, value=days)
        _save(case, actor, history_reason(gettext_noop("Term extended: %(reason)s"), reason=reason.strip()[:200]), [])
        _notice(case, actor, reason.strip())
        _notify_citizen(case, gettext_noop("New term for your case %(number)s"),
                        gettext_noop("The term of your case %(number)s is extended. The answer is now due by %(due)s."),
                        typed=reason.strip(), number=case.number, due=_due_text(card))
    return case


LETTER_SUBJECTS = {
    Outcome.FULL: gettext_noop("Answer to your appeal %(number)s"),
    Outcome.PARTIAL: gettext_noop("Answer to your appeal %(number)s"),
    Outcome.REFUSED: gettext_noop("On your information request %(number)s"),
    Outcome.FORWARDED: gettext_noop("Your appeal %(number)s is forwarded"),
    Outcome.NOT_CONSIDERED: gettext_noop("Your appeal %(number)s is left unconsidered"),
}


def _check_outcome(case, outcome, ground, body):
    if outcome not in Outcome.values:
        fail("outcome", _("Choose the outcome."))
    if outcome in (Outcome.PARTIAL, Outcome.REFUSED):
        if case.case_type != CaseType.INFORMATION_REQUEST:
            fail("outcome", _("Only information is refused or given in part; an appeal is answered on the merits."))
        if ground not in RefusalGround.values:
            fail("ground", _("A refusal names its legal ground: choose one from the list."))
    if outcome == Outcome.NOT_CONSIDERED:
        if case.case_type != CaseType.APPEAL:
            fail("outcome", _("An information request is answered, refused on a legal ground or forwarded."))
        if ground not in NotConsideredGround.values:
            fail("ground", _("Choose why the appeal is left unconsidered."))
    if outcome == Outcome.FORWARDED and (body is None or not body.is_active):
        fail("body", _("Choose the body the case goes to."))


def case_answer(*, actor, case, text, outcome=Outcome.FULL, ground="", body=None, signer=None, attachments=()):
    """The decision on the case as a letter to the head's signature through the approval chain, registered as an
    outgoing letter when signed: a reasoned answer (in full; for information, in part or refused on a legal ground
    from the list), forwarding to the competent body, or leaving the appeal unconsidered with its ground. Forwarding
    and leaving unconsidered have their own notice terms: the card moves to that policy now. Files the executor
    attaches go with the answer (the citizen downloads them with the letter)."""
    if not (text or "").strip():
        fail("text", _("Write the answer."))
    _check_outcome(case, outcome, ground, body)
    attachments = list(attachments)
    attachments_check_all(attachments)
    action = "forward" if outcome == Outcome.FORWARDED else "answer"
    with transaction.atomic():
        case = _locked_case(case, action)
        _require(actor, case, action)
        unit = case.unit or case.organisation
        if signer is None:
            heads = unit_heads(unit_ids=[unit.pk]).get(unit.pk, [])
            signer = heads[0] if heads else None
        if signer is None:
            fail("signer", _("The unit has no head to sign the answer; name the signer."))
        if outcome == Outcome.FORWARDED:
            addressee = f"{body.name}\n{body.address}".strip()
        else:
            addressee = f"{case.name or _(CITIZEN)}\n{case.address}".strip()
        with translation.override(case.language or settings.LANGUAGE_CODE):
            subject = _(LETTER_SUBJECTS[outcome]) % {"number": case.number}
        draft = draft_save(actor=actor, unit=unit, addressee=addressee, subject=subject, body=text.strip(),
                           draft=case.answer_draft if case.answer_draft and case.answer_draft.state == "returned" else None)
        draft_send_for_approval(actor=actor, draft=draft, visas=[], signer=signer)
        if attachments:
            attachment_add_many(item=case, uploads=attachments, actor=actor)
        notice_policy = {Outcome.FORWARDED: (FORWARD_POLICIES[case.case_type], case.received_at),
                         Outcome.NOT_CONSIDERED: (NOT_CONSIDERED_POLICY, timezone.now())}.get(outcome)
        card = case_card(case)
        if notice_policy and card.policy.code != notice_policy[0]:
            control_change_policy(card=card, actor=actor, reason=str(Outcome(outcome).label), start=notice_policy[1],
                                  policy=policy_for(code=notice_policy[0], organisation=case.organisation))
        elif not notice_policy and card.policy.code in NOTICE_POLICIES:
            # a returned forwarding (or leaving unconsidered) is now answered on the merits: the case's own term again
            own = card.history.exclude(policy__code__in=NOTICE_POLICIES).order_by("-history_date", "-history_id").first()
            control_change_policy(card=card, actor=actor, reason=str(Outcome(outcome).label), start=case.received_at,
                                  policy=own.policy if own else policy_for(code=_policy_code(case), organisation=case.organisation))
        case.answer_draft, case.answer_text, case.state = draft, text.strip(), Case.State.IN_APPROVAL
        case.outcome, case.forwarded_to = outcome, body if outcome == Outcome.FORWARDED else None
        case.refusal_ground = ground if outcome in (Outcome.PARTIAL, Outcome.REFUSED) else ""
        case.not_considered_ground = ground if outcome == Outcome.NOT_CONSIDERED else ""
        _save(case, actor, history_reason(gettext_noop("%(outcome)s: sent for signature"), outcome=Outcome(outcome).label),
              ["answer_draft", "answer_text", "state", "outcome", "forwarded_to", "refusal_ground", "not_considered_ground"])
    return case


FINAL_STATES = {Outcome.FORWARDED: Case.State.FORWARDED, Outcome.NOT_CONSIDERED: Case.State.NOT_CONSIDERED}


def case_answer_signed(*, draft, document, actor):
    """The head signed the letter: the case takes its outcome, its card closes, the citizen is told (and the body
    a case is forwarded to receives it)."""
    case = Case.objects.select_for_update(of=("self",)).select_related("forwarded_to").filter(answer_draft=draft).first()
    if case is None:
        return None
    case.state, case.answered_at = FINAL_STATES.get(case.outcome, Case.State.ANSWERED), timezone.now()
    case.outcome = case.outcome or Outcome.FULL
    _save(case, actor, history_reason(gettext_noop("%(outcome)s: letter %(number)s"), outcome=Outcome(case.outcome).label,
                                      number=document.number), ["state", "answered_at", "outcome"])
    card = case_card(case)
    if card is not None and card.state in ("open", "paused"):
        control_close(card=card, actor=actor, result=case.answer_text[:5000], system=True)
    _notify_citizen(case, LETTER_SUBJECTS[case.outcome], typed=case.answer_text, number=case.number)
    if case.outcome == Outcome.FORWARDED and case.forwarded_to.email:
        _forward_to_body(case, document)
    return case


FORWARD_COVER = {
    CaseType.APPEAL: gettext_noop("We forward to you, as a matter within your competence, the appeal of %(name)s received on "
                                  "%(received)s and registered under number %(number)s. Please consider it and tell the "
                                  "citizen the result."),
    CaseType.INFORMATION_REQUEST: gettext_noop("We forward to you, as the holder of the information, the request of %(name)s "
                                               "received on %(received)s and registered under number %(number)s. Please "
                                               "answer the requester."),
}


def _forward_to_body(case, document):
    """The competent body gets a cover note (not the citizen's notice), the citizen's contacts and the text itself,
    in the portal's language: a letter between the state's bodies."""
    with translation.override(settings.LANGUAGE_CODE):
        cover = _(FORWARD_COVER[case.case_type]) % {
            "name": case.name or _(CITIZEN), "number": case.number,
            "received": formats.date_format(timezone.localtime(case.received_at), "SHORT_DATE_FORMAT")}
    contacts = "\n".join(value for value in (case.name, case.address, case.email, case.phone) if value)
    outbox_enqueue(to=[case.forwarded_to.email], subject=f"{document.number}: {case.subject}",
                   body=f"{cover}\n\n---\n{case.number}\n{contacts}\n\n{case.text}")


def case_answer_returned(*, draft, actor, comment, withdrawn=False):
    """The head returned the letter, or its author withdrew it: the executor revises it (the case is in progress
    again)."""
    case = Case.objects.select_for_update().filter(answer_draft=draft).first()
    if case is None:
        return None
    case.state = Case.State.IN_PROGRESS if case.executor_id else Case.State.ROUTED if case.unit_id else Case.State.REGISTERED
    _save(case, actor, history_reason(gettext_noop("Answer withdrawn from approval: %(comment)s") if withdrawn
                                      else gettext_noop("Answer returned: %(comment)s"), comment=comment[:200]), ["state"])
    return case


def case_contest(*, case, text):
    """The citizen contests the answer through the tracking link: the case reopens with the executor who answered
    it, and its control card runs again under the case's own term, counted from the objection."""

    if not (text or "").strip():
        fail("text", _("Say what you disagree with."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("organisation", "unit").get(pk=case.pk)
        if case.state != Case.State.ANSWERED:
            raise ApplicationError(_("Only an answered case can be contested."), code="wrong_state")
        CaseMessage.objects.create(case=case, direction=CaseMessage.Direction.CONTEST, text=text.strip()[:10000])
        case.state = Case.State.IN_PROGRESS if case.executor_id else Case.State.ROUTED
        case.contested_count += 1
        case.outcome, case.answered_at = "", None
        _save(case, None, history_reason(gettext_noop("The citizen contested the answer")),
              ["state", "contested_count", "outcome", "answered_at"])
        card = case_card(case)
        if card.policy.code != _policy_code(case):  # a notice term (forwarding) gives way to the case's own
            card.policy = policy_for(code=_policy_code(case), organisation=case.organisation)
            card.save(update_fields=["policy"])
        control_reopen(card=card, actor=None, start=timezone.now(),
                       on_event=history_reason(gettext_noop("The citizen contested the answer")))
        _tell_staff(case, {*_answering(case), *_unit_heads(case)}, actor=None, body=text.strip(),
                    title=deferred(gettext_noop("The citizen contests the answer: %(number)s"), number=case.number))
    return case
