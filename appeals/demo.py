"""Demo cases in several states, so the citizens' and the staff's pages show something on first run."""

from datetime import timedelta

from django.utils import timezone

from core.models import User


def load(stdout):
    from appeals.models import Case
    from appeals.services import case_answer, case_ask_clarification, case_assign, case_route, case_submit
    from documents.models import ApprovalStep
    from documents.services.approval import approval_decide
    from units.models import Unit

    organisation = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    people = {u.username: u for u in User.objects.filter(username__in=["clerk", "info.head", "info.officer"])}
    sector = Unit.objects.filter(name="İnformasiya sektoru").first()
    if organisation is None or sector is None or len(people) < 3 or Case.objects.exists():
        return
    person = {"name": "Səbinə Quliyeva", "email": "sabina@example.az", "phone": "+994 50 123 45 67", "address": "Bakı, Nizami küç. 5"}
    appeals = [
        ("complaint", "Oktyabr ayı üçün pensiya ödənilməyib", "Oktyabr ayının pensiyası kartıma köçürülməyib. Səbəbini bildirməyinizi xahiş edirəm."),
        ("application", "Ünvanlı sosial yardım üçün sənədlər", "Ünvanlı dövlət sosial yardımı üçün hansı sənədlər lazımdır?"),
        ("suggestion", "Məşğulluq proqramı barədə məlumatın saytda dərci", "Məşğulluq proqramının nəticələrini hər ay saytda dərc etməyi təklif edirəm."),
        ("complaint", "Əlillik müavinəti gecikir", "Əlillik müavinəti iki aydır gecikir."),
    ]
    cases = []
    for n, (kind, subject, text) in enumerate(appeals):
        case, _created = case_submit(organisation=organisation, case_type="appeal", received_at=timezone.now() - timedelta(days=3 * n),
                                     data={**person, "kind": kind, "subject": subject, "text": text})
        cases.append(case)
    case_submit(organisation=organisation, case_type="appeal", data={"kind": "complaint", "subject": "Anonim şikayət",
                                                                      "text": "Heç kim imzalamayıb."})
    for urgency, explanation in (("none", ""), ("loses_value", "Məhkəmə iclası cümə günüdür")):
        case_submit(organisation=organisation, case_type="information_request",
                    data={**person, "subject": "2026-cı il üzrə sosial yardım alanların sayı", "text": "Rayonlar üzrə say",
                          "urgency": urgency, "urgency_explanation": explanation})
    clerk, head, officer = people["clerk"], people["info.head"], people["info.officer"]
    waiting, answered, in_progress = cases[1], cases[2], cases[3]
    for case in (waiting, answered, in_progress):
        case_route(actor=clerk, case=case, unit=sector)
        case_assign(actor=head, case=case, executor=officer)
    case_ask_clarification(actor=officer, case=waiting, question="Hansı rayonda yaşayırsınız?")
    case = case_answer(actor=officer, case=answered, text="Təklifiniz üçün təşəkkür edirik. Nəticələr hər ay dərc ediləcək.")
    approval_decide(step=ApprovalStep.objects.get(route__object_id=case.answer_draft_id, route__content_type__model="outgoingdraft",
                                                  state="waiting"), actor=head, approve=True)
    stdout.write(f"Citizens' cases: {Case.objects.count()} (new, in progress, waiting for the citizen, answered, not considered)")
    stdout.write(f"  track the answered one at /appeals/track/{Case.objects.get(pk=answered.pk).tracking_token}/")
