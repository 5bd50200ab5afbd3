"""Sample control cards on the demo units' duties: overdue, due today, due soon, later and paused."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.demo import DemoClock
from core.models import User
from core.text import shorten
from documents.models import ControlCard
from documents.services.calendar import calendar_for
from documents.services.control import (
    control_close,
    control_open,
    control_pause,
    control_report,
    deadline_compute,
    policy_for,
    term_until,
)
from units.models import Clause, Unit

SAMPLES = [
    # (clause number, policy, working days ago the item was registered, executor)
    ("3.1.23", "appeal.standard", 20, "pr.officer"),
    ("3.1.24", "media.false_report_response", 1, "info.officer"),
    ("3.1.3", "appeal.standard", 14, "pr.officer"),
    ("3.1.30", "inforequest.standard", 5, "info.officer"),
    ("3.1.21", "document.default", 3, "pr.officer"),
    ("3.1.32", "appeal.extra_study", 2, "info.officer"),
]


def load(stdout):
    _load_cards(stdout)
    load_registry(stdout)


def _load_cards(stdout):
    department = Unit.objects.filter(name="İctimaiyyətlə əlaqələr şöbəsi").first()
    if department is None or ControlCard.objects.exists():
        return
    users = User.objects.in_bulk([s[3] for s in SAMPLES], field_name="username")
    calendar = calendar_for("AZ")
    today = timezone.localdate()
    for number, code, days_since_registered, username in SAMPLES:
        clause = Clause.objects.filter(unit=department, number=number).first()
        if clause is None:
            continue
        start_day = calendar.subtract_working_days(today, days_since_registered)
        start = timezone.make_aware(timezone.datetime.combine(start_day, timezone.datetime.min.time())) + timedelta(hours=10)
        executor = users.get(username)
        unit = executor.memberships.first().position.unit if executor and executor.memberships.exists() else department
        card = control_open(item=clause, policy=policy_for(code=code), start=start, responsible_unit=unit,
                            title=shorten(f"{number}: {clause.text}", 120), executor=executor)
        stdout.write(f"Control card: {card.title[:60]}… due {timezone.localtime(card.due):%Y-%m-%d}")
    last = ControlCard.objects.order_by("-pk").first()
    if last and last.executor:
        control_pause(card=last, actor=last.executor, reason="Müraciət edənin aydınlaşdırması gözlənilir (demo)")
    # the information officer has reported on one duty (these cards are put under control as the demo loads): the
    # sector head finds it to close
    reported = ControlCard.objects.filter(executor__username="info.officer", state="open", title__startswith="3.1.30").first()
    if reported is not None:
        control_report(card=reported, actor=reported.executor,
                       report="Sorğuya cavab hazırlanıb və sorğu verənə göndərilib; surəti işə tikilib.")
    # one sweep now, so the demo users find their reminders in the inbox straight away
    from documents.services.sweep import control_sweep

    swept = control_sweep()
    stdout.write(f"Reminders and escalations sent: {swept.notices if swept else 0}")


REGISTRY_SAMPLES = [
    # when, direction, unit name, correspondent, their number, subject, access
    ("five weeks ago", "incoming", "İctimaiyyətlə əlaqələr şöbəsi", "Azərbaycan Dövlət Teleqraf Agentliyi (AZƏRTAC)",
     "AZ-1187/26", "Nazirin müsahibəsi üçün sorğu", "internal"),
    ("today", "incoming", "İnformasiya sektoru", "“Xalq qəzeti” redaksiyası", "XQ-452",
     "Məşğulluq proqramı barədə dərc olunmuş məqaləyə düzəliş tələbi", "internal"),
    ("last month", "outgoing", "İctimaiyyətlə əlaqələr şöbəsi", "Nazirlər Kabineti Aparatı", "",
     "İctimaiyyətlə əlaqələr üzrə aylıq hesabat", "internal"),
    ("today", "internal", "İnformasiya sektoru", "", "", "Sosial media monitorinqinin nəticələri (xidməti arayış)", "restricted"),
]


def load_registry(stdout):
    """A small registry: incoming, outgoing and internal documents, with a case file for the year."""
    from documents.models import CaseFile, Document
    from documents.services.registry import document_register

    units = {u.name: u for u in Unit.objects.filter(name__in={s[2] for s in REGISTRY_SAMPLES})}
    clerk = User.objects.filter(username="clerk").first()
    if clerk is None or len(units) < 2 or Document.objects.exists():
        return
    department = units["İctimaiyyətlə əlaqələr şöbəsi"]
    case_file, _created = CaseFile.objects.get_or_create(
        organisation=department.organisation, year=timezone.localdate().year, index="12-3",
        defaults={"unit": department, "title": "Kütləvi informasiya vasitələri ilə yazışmalar", "retention_years": 5,
                  "legal_basis": "İşlərin nümunəvi nomenklaturu, maddə 12-3"},
    )
    # the registry's numbers follow the days: the first letter arrived five weeks ago (its resolution's first part is
    # overdue now), the monthly report went out on last month's first working day (before the answers to last month's
    # appeals), the others came today
    clock, calendar = DemoClock(), calendar_for("AZ")
    arrived = working_days_ago(25, hour=10)
    moments = {"five weeks ago": arrived, "last month": _first_working_day_of_last_month(calendar), "today": None}
    for when, direction, unit_name, correspondent, their_number, subject, access in REGISTRY_SAMPLES:
        clock.step(moments[when])
        received_on = timezone.localdate(moments[when] or timezone.now())
        document, _new = document_register(
            actor=clerk, unit=units[unit_name], direction=direction, subject=subject, correspondent=correspondent,
            correspondent_number=their_number, correspondent_date=calendar.subtract_working_days(received_on, 2) if their_number else None,
            access_level=access, case_file=case_file if direction != "internal" else None,
        )
        stdout.write(f"Document: {document.number} {document.subject[:50]}")
    _load_resolution(stdout, units, clock, arrived)
    _load_draft(stdout, units)
    _load_archive(stdout, department, case_file.organisation)
    _load_plans(stdout, units["İnformasiya sektoru"])


def _load_plans(stdout, sector):
    """Last quarter's plan, approved before the quarter began, its first measure done in time and its report written
    once the quarter ended; this quarter's plan sent to the department head this week."""
    from documents.models import WorkPlan
    from documents.services import plans
    from units.models import Clause

    head, officer, approver = (User.objects.filter(username=n).first() for n in ("info.head", "info.officer", "pr.head"))
    duties = list(Clause.objects.substantive().filter(unit=sector, kind="duty").order_by("sort_key")[:4])
    if not (head and officer and approver and len(duties) == 4):
        return
    today, calendar, clock, items = timezone.localdate(), calendar_for("AZ"), DemoClock(), {}
    quarter = (today.month - 1) // 3 + 1
    previous = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    for (year, number), submit_only in ((previous, False), ((today.year, quarter), True)):
        first, last = WorkPlan(period="quarter", year=year, number=number).bounds
        if submit_only:
            moments = {"drafted": working_days_ago(2, hour=11), "submitted": working_days_ago(1, hour=15)}
        else:
            def before_it(count, hour, day=first):
                return timezone.make_aware(datetime.combine(calendar.subtract_working_days(day, count), time(hour)))
            reported = timezone.make_aware(datetime.combine(calendar.add_working_days(last, 3), time(11)))
            moments = {"drafted": before_it(8, 11), "submitted": before_it(6, 15), "approved": before_it(3, 12),
                       "done": before_it(5, 16, day=last), "reported": reported if reported < timezone.now() else None}
        clock.step(moments["drafted"])
        plan = plans.plan_create(actor=head, unit=sector, period="quarter", year=year, number=number)
        for duty, title in zip(duties[:2] if submit_only else duties[2:], (
                "Həftəlik mətbuat icmalının hazırlanması", "Sosial şəbəkələrdə nazirlik haqqında paylaşımların monitorinqi"), strict=True):
            plans.plan_item_add(actor=head, plan=plan, title=title, clauses=[duty], responsible=officer,
                                due_date=max(last, today) if submit_only else last)
        clock.step(moments["submitted"])
        plan = plans.plan_submit(actor=head, plan=plan)
        if not submit_only:
            clock.step(moments["approved"])
            plan = plans.plan_approve(actor=approver, plan=plan)
            clock.step(moments["done"])
            _first_measure_done(plan, head)
            clock.step(moments["reported"])
            plans.plan_report_save(actor=head, plan=plan, narrative="Rüb ərzində planlaşdırılan tədbirlər icra olunub.")
            items.update({item.pk: item.due_date for item in plan.items.all()})
        clock.step(None)
        stdout.write(f"Work plan {plan.period_label}: {plan.get_state_display()}")
    clock.settle()
    # the measures' terms end on their own dates, counted from the day the plan was approved
    cards = ControlCard.objects.filter(content_type__model="workplanitem", object_id__in=items)
    cards_follow_their_start(cards, last_days={card.pk: items[card.object_id] for card in cards})


def _load_archive(stdout, department, organisation):
    """Past years' case files: one in the archive transfer list, one expired, one expired but held."""
    from documents.models import CaseFile

    year = timezone.localdate().year
    for index, title, file_year, retention, hold in (
        ("12-3", "Kütləvi informasiya vasitələri ilə yazışmalar", year - 1, 5, ""),
        ("12-5", "Mətbuat konfranslarının materialları", year - 7, 5, ""),
        ("12-6", "Təkzib tələbləri üzrə yazışmalar", year - 7, 5, "Məhkəmə işi № 2-145/2026"),
    ):
        CaseFile.objects.get_or_create(organisation=organisation, year=file_year, index=index, defaults={
            "unit": department, "title": title, "retention_years": retention, "closed_at": timezone.now(),
            "legal_hold": bool(hold), "legal_hold_reason": hold})
    stdout.write("Archive: last year's transfer list and files whose retention has expired")

def _load_draft(stdout, units):
    """A reply being drafted by the Information Sector, waiting for its head's visa and then the department
    head's signature."""
    from documents.models import Document
    from documents.services.drafts import draft_save, draft_send_for_approval

    author, visa, signer = (User.objects.filter(username=name).first() for name in ("info.officer", "info.head", "pr.head"))
    letter = Document.objects.filter(direction="incoming", correspondent__contains="Xalq").first()
    if not (author and visa and signer):
        return
    draft = draft_save(actor=author, unit=units["İnformasiya sektoru"], addressee="“Xalq qəzeti” redaksiyası",
                       subject="Məşğulluq proqramı barədə məqaləyə düzəliş", in_reply_to=letter,
                       body="Hörmətli redaksiya,\n\nMəqalədə verilmiş rəqəmlər Dövlət Statistika Komitəsinin məlumatları ilə üst-üstə "
                            "düşmür. Düzəlişin dərc edilməsini xahiş edirik.\n\nHörmətlə,")
    draft_send_for_approval(actor=author, draft=draft, visas=[visa], signer=signer)
    stdout.write(f"Draft letter waiting for {visa.username}'s visa: {draft.subject}")
    _load_returned_draft(stdout, units, signer)


def _load_returned_draft(stdout, units, head):
    """A press officer's letter the department head returned with a comment: it waits on its author's desk."""
    from documents.services.approval import approval_current_step, approval_decide, approval_routes
    from documents.services.drafts import draft_save, draft_send_for_approval

    author = User.objects.filter(username="pr.officer").first()
    if author is None:
        return
    draft = draft_save(actor=author, unit=units["İctimaiyyətlə əlaqələr şöbəsi"], addressee="“APA” informasiya agentliyi",
                       subject="Sosial müavinətlər barədə xəbərə münasibət",
                       body="Hörmətli redaksiya,\n\nXəbərdə göstərilən müavinətlərin ləğvi barədə məlumat həqiqətə uyğun deyil. "
                            "Təkzibin dərc edilməsini xahiş edirik.\n\nHörmətlə,")
    draft_send_for_approval(actor=author, draft=draft, visas=[], signer=head)
    approval_decide(step=approval_current_step(approval_routes(draft).last()), actor=head, approve=False,
                    comment="Nazirlər Kabinetinin qərarının nömrəsini və tarixini əlavə edin.")
    stdout.write(f"Draft letter returned to {author.username}: {draft.subject}")


def _load_resolution(stdout, units, clock, arrived):
    """The first incoming letter got the department head's resolution on the day it arrived, to two executors: the
    Information Sector sent its part eight working days later and it was accepted; the department's own part is
    overdue, its report sent yesterday waits for the head's decision."""
    from documents.models import Document
    from documents.services.execution import assignment_report, report_accept, resolution_write

    head, info, officer = (User.objects.filter(username=name).first() for name in ("pr.head", "info.officer", "pr.officer"))
    document = Document.objects.filter(direction="incoming").order_by("id").first()
    if not (head and info and officer and document):
        clock.settle()
        return
    clock.step(arrived + timedelta(hours=5))
    resolution = resolution_write(
        actor=head, document=document, text="Müsahibə üçün suallara cavab layihəsini hazırlayın, rəqəmləri yoxlayın.",
        executors=[(units["İctimaiyyətlə əlaqələr şöbəsi"], officer), (units["İnformasiya sektoru"], info)])
    responsible, co_executor = resolution.assignments.order_by("id")
    reported = working_days_ago(17, hour=11)  # eight working days after the letter came
    clock.step(reported)
    report = assignment_report(actor=info, assignment=co_executor,
                               text="Rəqəmlər Dövlət Statistika Komitəsinin məlumatları ilə tutuşdurulub, arayış əlavə olunub.",
                               attachments=[_reference_sheet()])
    clock.step(reported + timedelta(hours=5))
    report_accept(actor=head, report=report)
    clock.step(working_days_ago(1, hour=16))
    assignment_report(actor=officer, assignment=responsible,
                      text="Cavab layihəsi hazırlanıb və şöbə müdirinə təqdim olunub; rəqəmlər sektorun arayışına uyğundur.")
    clock.step(None)
    clock.settle()
    cards_follow_their_start(ControlCard.objects.filter(content_type__model="assignment", object_id__in=[responsible.pk, co_executor.pk]))
    stdout.write(f"Resolution on {document.number}: two executors under control, one overdue with its report waiting")


def _reference_sheet():
    """The Information Sector's reference: the ministry's figures beside the State Statistics Committee's."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_workbook

    buffer = BytesIO()
    xlsx_workbook([("Arayış", ["Göstərici", "Nazirlik", "Statistika Komitəsi"], [
        ["Yeni iş yerləri, 9 ay", 41_200, 41_200], ["Məşğulluq proqramı iştirakçıları", 18_650, 18_650],
        ["Özünüməşğulluq proqramı iştirakçıları", 9_870, 9_870]])]).save(buffer)
    return SimpleUploadedFile("arayis-statistika.xlsx", buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def working_days_ago(count, *, hour, minute=0):
    """A moment of the demo's clock: `count` working days before today, at `hour` in the portal's time zone."""
    day = calendar_for("AZ").subtract_working_days(timezone.localdate(), count) if count else timezone.localdate()
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _first_working_day_of_last_month(calendar):
    first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    return timezone.make_aware(datetime.combine(calendar.next_working_day(first, include_self=True), time(12)))


def cards_follow_their_start(cards, *, last_days=None):
    """The demo's clock moved these cards' start: a term of the policy runs from it again; a last day set by hand
    (`last_days`, {card id: date}, else the card's own) stays, its term counted from the new start. The cards' history
    says the same."""
    for card in cards.select_related("policy"):
        last_day = (last_days or {}).get(card.pk)
        term = card.term
        if last_day or (card.term_value, card.term_unit) != (card.policy.term_value, card.policy.term_unit):
            term = term_until(start=card.start, due_date=last_day or timezone.localtime(card.due).date())
        due = deadline_compute(policy=card.policy, start=card.start, term=term, zone=card.time_zone).due
        fields = {"due": due, "term_value": term.value, "term_unit": term.unit}
        ControlCard.objects.filter(pk=card.pk).update(**fields)
        ControlCard.history.filter(id=card.pk).update(**fields)


def _first_measure_done(plan, head):
    """The quarter's report then shows a measure done on time beside one that was not."""
    item = plan.items.order_by("pk").first()
    card = ControlCard.objects.filter(content_type__model="workplanitem", object_id=item.pk).first()
    if card is not None:
        control_close(card=card, actor=head, result="Icmal hər həftə hazırlanıb və rəhbərliyə təqdim olunub.")
