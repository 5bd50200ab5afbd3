"""The statutory terms of domain.md §3.2, kept as data in fixtures/deadline_policies.json."""

import json
from pathlib import Path

from django.utils.translation import gettext_noop

SEED = Path(__file__).resolve().parent / "fixtures" / "deadline_policies.json"


def deadline_policies_seed(*, model=None):
    """Create the default policies that do not exist yet; never overwrite an administrator's edits.
    `model` lets a data migration pass its historical model."""
    if model is None:
        from documents.models import DeadlinePolicy

        model = DeadlinePolicy
    existing = set(model.objects.filter(organisation__isnull=True).values_list("code", flat=True))
    rows = [row for row in json.loads(SEED.read_text(encoding="utf-8")) if row["code"] not in existing]
    model.objects.bulk_create([model(**row) for row in rows])
    return len(rows)


# The seed's texts, marked for translation: a policy shows its name, legal basis and notes in the
# reader's language while they are as seeded; an administrator's own wording is shown as typed.
SEED_TEXTS = [
    gettext_noop('Citizen appeal: answer on the merits'),
    gettext_noop('Law 1308-IVQ "On citizens\' appeals", art. 10.1, 10.2'),
    gettext_noop('secondary source, verify'),
    gettext_noop('by the official, with notice to the appellant'),
    gettext_noop('registration'),
    gettext_noop('Appeal needing extra study or checking'),
    gettext_noop('Law 1308-IVQ "On citizens\' appeals", art. 10.1'),
    gettext_noop('Outside our competence: forward and tell the appellant'),
    gettext_noop('Law 1308-IVQ "On citizens\' appeals", art. 7.10'),
    gettext_noop('none'),
    gettext_noop('Tell the appellant the appeal is left unconsidered'),
    gettext_noop('Law 1308-IVQ "On citizens\' appeals", art. 8'),
    gettext_noop('decision'),
    gettext_noop('Register an appeal'),
    gettext_noop('Rules on office work with appeals'),
    gettext_noop('secondary source'),
    gettext_noop('receipt'),
    gettext_noop('Information request'),
    gettext_noop('Law 1024-IIQ "On obtaining information", art. 24.1, 24.5'),
    gettext_noop('text read (extension: verify)'),
    gettext_noop('requester notified within 5 working days'),
    gettext_noop('working day after registration'),
    gettext_noop('Information that would lose its value'),
    gettext_noop('Law 1024-IIQ "On obtaining information", art. 24.2'),
    gettext_noop('text read'),
    gettext_noop('Threat to life, health or liberty'),
    gettext_noop('Law 1024-IIQ "On obtaining information", art. 24.3'),
    gettext_noop('Request unclear or incomplete: tell the requester'),
    gettext_noop('Law 1024-IIQ "On obtaining information", art. 24.4'),
    gettext_noop('Not held by us: send to the holder and tell the requester'),
    gettext_noop('Law 1024-IIQ "On obtaining information", art. 23.1'),
    gettext_noop('Controlled document with no term in the resolution'),
    gettext_noop('Office-work instruction (Decree 935), para. 120'),
    gettext_noop('organisation sets it'),
    gettext_noop('by the head on a reasoned request'),
    gettext_noop('Answer to a false or distorting publication'),
    gettext_noop("Regulations' duty to respond to false reports (e.g. 3.1.4, 3.1.24)"),
    gettext_noop('by the head'),
    gettext_noop('detection'),
    gettext_noop("Decide on a journalist's accreditation"),
    gettext_noop('by the head of the press service'),
    gettext_noop('Model regulation of a press service: accreditation of journalists'),
    gettext_noop('application'),
    gettext_noop('Appeal (Kazakhstan)'),
    gettext_noop('Administrative Procedural Code of Kazakhstan, art. 76'),
    gettext_noop('up to 2 months in total, notice within 3 working days'),
    gettext_noop('Report to the minister after an official visit abroad'),
    gettext_noop('end of the visit'),
    gettext_noop('Regulation of the International Cooperation Department: visits of officials (3.1.6)'),
    gettext_noop('Obligation under an international agreement or a meeting'),
    gettext_noop('entry into force or the meeting'),
    gettext_noop('Regulation of the International Cooperation Department: control of obligations (2.1.5)'),
]
