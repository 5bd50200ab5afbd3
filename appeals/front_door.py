"""What the public home page offers citizens from this app, with the law's promise in the current terms."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import ApplicationError
from core.front_door import PublicService
from documents.models.control import term_label
from documents.services.control import policy_for
from units.models import Unit


def _term(code, organisation):
    try:
        policy = policy_for(code=code, organisation=organisation)
    except ApplicationError:
        return None
    return term_label(policy.term_value, policy.term_unit)


def public_services():
    organisation = Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
    appeal, information, urgent = (_term(code, organisation) for code in
                                   ("appeal.standard", "inforequest.standard", "inforequest.urgent"))
    return [
        PublicService(10, gettext_lazy("Submit an appeal"),
                      _("An application, complaint or suggestion, without an account. An answer within %(term)s, "
                        "the due date explained day by day.") % {"term": appeal} if appeal else
                      _("An application, complaint or suggestion, without an account."), "appeals:submit"),
        PublicService(20, gettext_lazy("Request information"),
                      _("Information the ministry holds, within %(term)s; within %(urgent)s when it would lose its value.")
                      % {"term": information, "urgent": urgent} if information and urgent else
                      _("Information the ministry holds, free of charge."), "appeals:inforequest-submit"),
        PublicService(30, gettext_lazy("Track my case"),
                      _("Where your appeal or request is, its due date and the answer, with the code you were given."),
                      "appeals:track-lookup"),
        PublicService(40, gettext_lazy("Book a reception"),
                      _("Meet the minister or a head in person: choose a free place in the published schedule."),
                      "appeals:reception"),
    ]
