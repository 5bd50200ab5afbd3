"""Starting texts for the executor's letter, one per outcome, in the citizen's language with the case's details
filled in. The executor edits the text before it goes to the head's signature."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals.models import CaseType, Outcome

TEMPLATES = {
    Outcome.FULL: (gettext_noop("Answer on the merits"), gettext_noop(
        "Dear %(name)s,\n\nIn reply to your %(kind)s No. %(number)s of %(received)s on “%(subject)s”, we inform you that "
        "…\n\nThe answer is based on …\n\nIf you disagree with this answer, you may contest it through your case's "
        "link or appeal to a court.")),
    Outcome.PARTIAL: (gettext_noop("Information given in part"), gettext_noop(
        "Dear %(name)s,\n\nIn reply to your information request No. %(number)s of %(received)s on “%(subject)s”, we "
        "provide the following information: …\n\nThe rest of the information cannot be provided on the ground stated "
        "in this letter: …\n\nYou may contest this decision through your case's link or appeal to a court.")),
    Outcome.REFUSED: (gettext_noop("Refusal of information"), gettext_noop(
        "Dear %(name)s,\n\nYour information request No. %(number)s of %(received)s on “%(subject)s” cannot be "
        "satisfied on the legal ground stated in this letter, because …\n\nYou may contest this decision through "
        "your case's link or appeal to a court.")),
    Outcome.NOT_CONSIDERED: (gettext_noop("Left unconsidered"), gettext_noop(
        "Dear %(name)s,\n\nYour appeal No. %(number)s of %(received)s on “%(subject)s” is left unconsidered on the "
        "ground stated in this letter: …")),
    Outcome.FORWARDED: (gettext_noop("Forwarding"), gettext_noop(
        "The appeal No. %(number)s of %(received)s from %(name)s on “%(subject)s” is outside the competence of the "
        "ministry and is forwarded to you for consideration. Please inform the citizen of the result.")),
}


def answer_templates_for(case):
    """[(outcome, title)] open to the case's type."""
    outcomes = ((Outcome.FULL, Outcome.PARTIAL, Outcome.REFUSED, Outcome.FORWARDED)
                if case.case_type == CaseType.INFORMATION_REQUEST else (Outcome.FULL, Outcome.NOT_CONSIDERED, Outcome.FORWARDED))
    return [(outcome, _(TEMPLATES[outcome][0])) for outcome in outcomes]


def answer_template_text(case, outcome):
    """The template for `outcome` in the citizen's language, or "" for an unknown one."""
    if outcome not in TEMPLATES:
        return ""
    with translation.override(case.language or settings.LANGUAGE_CODE):
        kind = case.get_kind_display() if case.kind else case.get_case_type_display()
        return _(TEMPLATES[outcome][1]) % {
            "name": case.name or _("Citizen"), "kind": kind, "number": case.number, "subject": case.subject,
            "received": timezone.localtime(case.received_at).strftime("%d.%m.%Y")}
