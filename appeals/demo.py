"""Demo cases in several states, so the citizens' and the staff's pages show something on first run."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.demo import DemoClock
from core.models import User

RAUF = {"name": "Rauf Məmmədov", "email": "rauf@example.az", "phone": "+994 55 765 43 21", "address": "Gəncə, Atatürk pr. 12"}


def load(stdout):
    from appeals.models import Case
    from appeals.services import case_answer, case_ask_clarification, case_assign, case_route, case_submit
    from units.models import Unit

    organisation = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    people = {u.username: u for u in User.objects.filter(username__in=["clerk", "info.head", "info.officer"])}
    sector = Unit.objects.filter(name="İnformasiya sektoru").first()
    if organisation is None or sector is None or len(people) < 3 or Case.objects.exists():
        return
    clerk, head, officer = people["clerk"], people["info.head"], people["info.officer"]
    clock = DemoClock()
    # in the order they came, so the numbers follow the days: last month's, the late one, then this month's
    _last_month(organisation, sector, clerk, head, officer, clock)
    _answered_late(organisation, sector, clerk, head, officer, clock)
    person = {"name": "Səbinə Quliyeva", "email": "sabina@example.az", "phone": "+994 50 123 45 67", "address": "Bakı, Nizami küç. 5"}
    appeals = [  # (kind, subject, text, the steps of its work: new, waiting for the citizen, answered, in progress)
        ("complaint", "Oktyabr ayı üçün pensiya ödənilməyib", "Oktyabr ayının pensiyası kartıma köçürülməyib. Səbəbini bildirməyinizi xahiş edirəm.", 1),
        ("application", "Ünvanlı sosial yardım üçün sənədlər", "Ünvanlı dövlət sosial yardımı üçün hansı sənədlər lazımdır?", 4),
        ("suggestion", "Məşğulluq proqramı barədə məlumatın saytda dərci", "Məşğulluq proqramının nəticələrini hər ay saytda dərc etməyi təklif edirəm.", 5),
        ("complaint", "Əlillik müavinəti gecikir", "Əlillik müavinəti iki aydır gecikir.", 3),
    ]
    cases, steps = [], {}
    for n, (kind, subject, text, count) in reversed(list(enumerate(appeals))):  # the oldest first
        received = timezone.now() - timedelta(days=3 * n) if n else None  # None: at its own step, now
        steps[n] = _Steps(clock, first=received, count=count)
        steps[n].next()
        case, _created = case_submit(organisation=organisation, case_type="appeal", received_at=received,
                                     data={**person, "kind": kind, "subject": subject, "text": text})
        cases.insert(0, case)
    clock.step(None)
    case_submit(organisation=organisation, case_type="appeal", data={"kind": "complaint", "subject": "Anonim şikayət",
                                                                      "text": "Heç kim imzalamayıb."})
    for urgency, explanation in (("none", ""), ("loses_value", "Məhkəmə iclası cümə günüdür")):
        case_submit(organisation=organisation, case_type="information_request",
                    data={**person, "subject": "2026-cı il üzrə sosial yardım alanların sayı", "text": "Rayonlar üzrə say",
                          "urgency": urgency, "urgency_explanation": explanation})
    for n in (1, 2, 3):  # waiting, answered, in progress
        steps[n].next()
        case_route(actor=clerk, case=cases[n], unit=sector)
        steps[n].next()
        case_assign(actor=head, case=cases[n], executor=officer)
    waiting, answered = cases[1], cases[2]
    steps[1].next()
    case_ask_clarification(actor=officer, case=waiting, question="Hansı rayonda yaşayırsınız?")
    steps[2].next()
    case = case_answer(actor=officer, case=answered, text="Təklifiniz üçün təşəkkür edirik. Nəticələr hər ay dərc ediləcək.")
    steps[2].next()
    _sign(case, head)
    clock.step(None)
    bodies = _bodies()
    _more_outcomes(organisation, sector, clerk, head, officer, person, bodies)
    _reception(organisation, clerk)
    clock.settle()
    stdout.write(f"Citizens' cases: {Case.objects.count()} (new, in progress, waiting for the citizen, answered on time and late, "
                 "an answer to sign, forwarded, not considered, published, last month's statistics, reception hours with bookings)")
    stdout.write(f"  track the answered one at /appeals/track/{Case.objects.get(pk=answered.pk).tracking_token}/")


class _Steps:
    """A case's work as it happened, on the demo's clock: `count` steps, the first on receipt (`first`; None: now), the
    last at `last` (None: now), those between on the working days between, in office hours and in their order. Call
    `next()` before each step."""

    def __init__(self, clock, *, first, count, last=None):
        from documents.services.calendar import calendar_for

        self._clock, self._moments = clock, [None] * count
        if first is not None:
            calendar, end = calendar_for("AZ", around=timezone.localdate(first)), last or timezone.now()
            days = [day for day in _days_between(timezone.localdate(first), timezone.localdate(end)) if calendar.is_working_day(day)]
            self._moments = [_step_moment(n, count, first, end, days) for n in range(count)]
            if last is None:
                self._moments[-1] = None  # the last step is the demo's own moment
        self._moments.reverse()

    def next(self):
        self._clock.step(self._moments.pop())


def _step_moment(n, count, first, last, working_days):
    """When step `n` of `count` happened: the first on receipt, the last at its moment, those between on the working
    days between, in office hours and in their order (or in turn between the two when no working day lies between)."""
    if n == 0:
        return first
    if n == count - 1:
        return last
    if not working_days:
        return first + (last - first) * n / count
    day = working_days[(n - 1) * len(working_days) // (count - 2)]
    return timezone.make_aware(datetime.combine(day, time(10, 0))) + timedelta(minutes=20 * n)


def _days_between(first, last):
    """The days after `first` and before `last`."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days)]


def _sign(case, head):
    from documents.models import ApprovalStep
    from documents.services.approval import approval_decide

    approval_decide(step=ApprovalStep.objects.get(route__object_id=case.answer_draft_id, route__content_type__model="outgoingdraft",
                                                  state="waiting"), actor=head, approve=True)


def _bodies():
    from appeals.models import ExternalBody

    names = [("Dövlət Sosial Müdafiə Fondu", "info@sspf.example.az"), ("Səhiyyə Nazirliyi", "info@health.example.az"),
             ("Təhsil Nazirliyi", "info@edu.example.az"), ("Daxili İşlər Nazirliyi", "info@mia.example.az"),
             ("Bakı Şəhər İcra Hakimiyyəti", "info@baku-ih.example.az")]
    return [ExternalBody.objects.get_or_create(name=name, defaults={"email": email, "address": "Bakı"})[0] for name, email in names]


def _in_progress(organisation, sector, clerk, head, officer, data, *, case_type="appeal", received_at=None, steps=None):
    """Registered, routed to the sector and assigned to its officer (each a step of `steps`, when given)."""
    from appeals.services import case_assign, case_route, case_submit

    step = steps.next if steps else lambda: None
    step()
    case, _created = case_submit(organisation=organisation, case_type=case_type, data=data, received_at=received_at)
    step()
    case_route(actor=clerk, case=case, unit=sector)
    step()
    return case_assign(actor=head, case=case, executor=officer)


def _answered_late(organisation, sector, clerk, head, officer, clock):
    """Received five weeks ago, answered only now."""
    from appeals.services import case_answer

    received = timezone.now() - timedelta(days=35)
    steps = _Steps(clock, first=received, count=5)
    late = _in_progress(organisation, sector, clerk, head, officer, {**RAUF, "kind": "application",
                        "subject": "Təqaüdün yenidən hesablanması", "text": "Təqaüdümün yenidən hesablanmasını xahiş edirəm."},
                        received_at=received, steps=steps)
    steps.next()
    late = case_answer(actor=officer, case=late, text="Təqaüdünüz yenidən hesablanıb; fərq dekabr ayında ödəniləcək.")
    steps.next()
    _sign(late, head)


def _more_outcomes(organisation, sector, clerk, head, officer, person, bodies):
    """Forwarded, refused in part, published, repeated, put under extra study, an answer to sign."""
    from appeals.models import Case
    from appeals.publication import answer_publish
    from appeals.services import case_answer, case_extra_study

    forwarded = _in_progress(organisation, sector, clerk, head, officer, {**RAUF, "kind": "complaint",
                             "subject": "Poliklinikada növbə", "text": "Poliklinikada həkim qəbulu üçün növbələr çox uzundur."})
    _sign(case_answer(actor=officer, case=forwarded, outcome="forwarded", body=bodies[1],
                      text="Müraciətiniz aidiyyəti üzrə Səhiyyə Nazirliyinə göndərilib."), head)
    published = _in_progress(organisation, sector, clerk, head, officer, {
        **RAUF, "subject": "Məşğulluq proqramının büdcəsi", "text": "2026-cı il məşğulluq proqramının büdcəsi nə qədərdir?",
        "publish_consent": True}, case_type="information_request")
    published = case_answer(actor=officer, case=published, outcome="partial", ground="personal_data",
                            text="Hörmətli Rauf Məmmədov, proqramın büdcəsi 12 milyon manatdır. İştirakçıların adları şəxsi "
                                 "məlumatdır və verilmir.")
    _sign(published, head)
    published = Case.objects.get(pk=published.pk)
    answer_publish(actor=officer, case=published, subject=published.subject, question=published.text, answer=published.answer_text)
    study = _in_progress(organisation, sector, clerk, head, officer, {**RAUF, "kind": "complaint",
                         "subject": "Əlillik dərəcəsinin təyini", "text": "Əlillik dərəcəm səhv təyin edilib."})
    case_extra_study(actor=clerk, case=study, reason="Tibbi-sosial ekspert komissiyasının sənədləri yoxlanılmalıdır.")
    signing = _in_progress(organisation, sector, clerk, head, officer, {**RAUF, "kind": "application",
                           "subject": "Uşağa görə müavinətin rəsmiləşdirilməsi", "text": "Uşağa görə müavinəti necə rəsmiləşdirə bilərəm?"})
    case_answer(actor=officer, case=signing, text="Müavinət üçün müraciəti DOST mərkəzində və ya e-gov.az portalında "
                                                  "verə bilərsiniz.")  # waits for the head's signature
    from appeals.services import case_submit

    case_submit(organisation=organisation, case_type="appeal", data={
        **person, "kind": "complaint", "subject": "Oktyabr pensiyası yenə ödənilməyib", "text": "Pensiya hələ də ödənilməyib."})


def _last_month(organisation, sector, clerk, head, officer, clock):
    """Cases received and closed last month, so the statistics page and the open data show a month on first run."""
    from appeals.models import Case
    from appeals.services import case_answer
    from appeals.statistics import previous_month
    from documents.services.calendar import calendar_for

    month = previous_month()
    start = timezone.make_aware(datetime(month.year, month.month, 3, 10, 0))
    calendar = calendar_for("AZ", around=start.date())
    subjects = ["Sosial kartın bərpası", "Müavinətin məbləği", "İşsizlik sığortası", "Peşə kursları", "Məşğulluq mərkəzinin iş saatları",
                "Pensiya kapitalı", "Uşaq pulunun təyini", "Kommunal güzəşt"]
    channels = ["online", "online", "post", "email", "online", "phone", "online", "reception"]
    answers = []
    for n, subject in enumerate(subjects):
        # received on working days (a reception or a phone call is not on a Sunday), answered on a working day before
        # today: most on time, one in four late
        received = timezone.make_aware(datetime.combine(calendar.next_working_day(start.date() + timedelta(days=2 * n),
                                                                                  include_self=True), time(10, 0)))
        answered = min(calendar.next_working_day(timezone.localdate(received) + timedelta(days=30 if n % 4 == 3 else 6), include_self=True),
                       calendar.subtract_working_days(timezone.localdate(), 1))
        steps = _Steps(clock, first=received, last=timezone.make_aware(datetime.combine(answered, time(16, 0))), count=5)
        data = {"kind": ("application", "complaint", "suggestion")[n % 3], "subject": subject, "text": subject,
                "name": f"Vətəndaş {n + 1}", "email": f"citizen{n + 1}@example.az"}
        case = _in_progress(organisation, sector, clerk, head, officer, data, received_at=received, steps=steps)
        if channels[n] != "online":
            Case.objects.filter(pk=case.pk).update(channel=channels[n])
        answers.append((answered, steps, case))
    for _answered, steps, case in sorted(answers, key=lambda answer: answer[0]):  # the letters' numbers follow their days
        steps.next()
        case = case_answer(actor=officer, case=case, text="Cavab verilib.")
        steps.next()
        _sign(case, head)


def _reception(organisation, clerk):
    """Reception hours of the minister and two heads for the coming weeks, some booked."""
    from appeals.reception import reception_book, reception_session_create
    from documents.services.calendar import calendar_for

    officials = list(User.objects.filter(username__in=["minister", "pr.head", "info.head"]).order_by("username"))
    day = timezone.localdate()
    calendar = calendar_for("AZ", around=day)
    sessions = []
    for week in range(1, 7):
        official = officials[week % len(officials)]
        when = calendar.next_working_day(day + timedelta(days=7 * week - day.weekday() + 3), include_self=True)  # Thursdays
        starts = timezone.make_aware(datetime.combine(when, time(10, 0)))
        sessions.append(reception_session_create(actor=clerk, organisation=organisation, official=official, starts_at=starts,
                                                 ends_at=starts + timedelta(hours=3), place="Bakı, Salatın Əsgərova küç. 85, otaq 101",
                                                 capacity=3 if week == 1 else 10))
    for n, name in enumerate(["Elnur Həsənli", "Aysel Rəhimova", "Tural Babayev"]):
        reception_book(session=sessions[0], data={"name": name, "phone": f"+994 50 555 00 0{n}", "email": f"booking{n}@example.az",
                                                  "subject": "Pensiya təyinatı"})
    reception_book(session=sessions[1], data={"name": "Günay Əliyeva", "phone": "+994 51 222 33 44", "email": "",
                                              "subject": "Əlillik müavinəti"})
