"""Parse regulation texts (Əsasnamə / Regulations / Положение) into data. Pure Python: no Django.

The parser works on the *forms* a regulation takes, not on particular files:
- clause numbers "3.1.2", "3.1.2-1", "5.2..", "5.1" (on the text's line, or alone on a line with the text
  after blank lines); Roman or Arabic section headings ("I.General provisions", "1. Ümumi müddəalar");
  Russian "1) …" lists under lead-ins ("Задачами … являются:", "осуществляет следующие функции:");
- several regulations in one file, each with its approval block and title;
- defects (numbering gaps, duplicate numbers, empty clauses, a title naming another kind of unit than the
  body, lines that fit nowhere) are reported as warnings, never hidden.
"""

import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise

from units.importer.approval import parse_approval
from units.importer.lines import looks_like_heading_text, sort_key_for, tokenize
from units.importer.names import (
    RU_LEAD_IN_NAME,
    body_unit,
    find_organisation,
    is_title_line,
    regulation_title,
    sector_named_in,
    sectors_in_structure_clause,
    unit_from_title,
)
from units.importer.text import fold, sentence_case
from units.importer.vocabulary import MODEL_MARKERS, detect_language, is_head_lead_in, section_kind

__all__ = ["ParsedClause", "ParsedRegulation", "Warning", "parse_text", "sort_key_for", "tokenize"]


@dataclass
class Warning:
    code: str
    detail: str
    line: int | None = None


@dataclass
class ParsedClause:
    number: str
    key: str
    sort_key: str
    kind: str
    unit: str
    text: str
    line: int


@dataclass
class ParsedRegulation:
    title: str
    language: str
    organisation: str | None
    organisation_kind: str
    administration: str | None
    is_model: bool
    unit: dict
    approval: dict
    sectors: list
    clauses: list
    warnings: list = field(default_factory=list)

    def as_json(self):
        data = asdict(self)
        data["clauses"] = [
            {"number": c.number, "kind": c.kind, "unit": c.unit, "text": c.text} for c in self.clauses
        ]
        data["warnings"] = [{k: v for k, v in asdict(w).items() if v is not None} for w in self.warnings]
        return data


def _starts_regulation(token):
    return token.type == "heading" and token.number in ("I", "1")


MAX_TEXT_BYTES = 1024 * 1024  # one regulation is 20–60 kB; a bundle of a ministry's regulations stays under this
MAX_REGULATIONS_PER_TEXT = 50  # a bundle of a whole ministry's regulations has a few dozen
MAX_WARNINGS_PER_REGULATION = 300


def split_regulations(tokens):
    """[(pre_run_tokens, body_tokens)] — pre-run: the approval block and title before the body."""
    starts = [i for i, t in enumerate(tokens) if _starts_regulation(t)]
    if not starts:
        markers = [i for i, t in enumerate(tokens) if t.type == "para" and is_title_line(t.text)]
        if not markers:
            return [([], tokens)]
        # Regulations in prose (news, orders): each starts right after its title line.
        starts = [m + 1 for m in markers]
    starts = starts[:MAX_REGULATIONS_PER_TEXT]
    result = []
    for n, start in enumerate(starts):
        # the pre-run reaches back over paragraphs, never into the previous regulation's body: each token
        # is looked at a bounded number of times, so splitting stays linear in the text
        floor = starts[n - 1] + 1 if n else 0
        pre_begin = start
        while pre_begin > floor and tokens[pre_begin - 1].type == "para":
            pre_begin -= 1
        if n == 0:
            pre_begin = 0
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        if n + 1 < len(starts):
            while end > start and tokens[end - 1].type == "para":
                end -= 1
        result.append((tokens[pre_begin:start], tokens[start:end]))
    return result


_APPROVALISH = re.compile(r"təsdiq|tarixli|nömrəli|approved|dated|утвержд|приказ|\bот\b|№")


def split_title(pre_run):
    """(header text, title text, title line) from the lines before a body: the title is the block of
    adjacent lines ending with the line that names the regulation; the rest (the approval block) is
    the header."""
    lines = [t for t in pre_run if t.type == "para"]
    if not lines:
        return "", "", None
    marked = [i for i, t in enumerate(lines) if is_title_line(t.text)]
    end = marked[-1] if marked else len(lines) - 1
    start = end
    while start > 0 and end - start < 3:
        above = lines[start - 1]
        adjacent = above.line == lines[start].line - 1
        if not adjacent or _APPROVALISH.search(fold(above.text)) or ":" in above.text or re.search(r"[.;!?]$", above.text):
            break
        start -= 1
    # "ƏSASNAMƏ" alone, with "… şöbəsi haqqında" on the line below it
    if len(lines[end].text.split()) <= 2 and end + 1 < len(lines) and lines[end + 1].line == lines[end].line + 1 \
            and not _APPROVALISH.search(fold(lines[end + 1].text)):
        end += 1
    title_lines = lines[start:end + 1]
    header = " ".join(t.text for t in lines[:start] + lines[end + 1:])
    return header, " ".join(t.text for t in title_lines), title_lines[0].line


def _administration(language, title_line, all_text):
    """The central administration level the unit sits under, when the text says so."""
    if language == "az" and re.search(r"\baparat", fold(title_line)):
        return "Aparat"
    if language == "en" and re.search(r"central administration|administration of the ministry", all_text[:4000], re.I):
        return "Central Administration"
    if language == "ru" and re.search(r"\bаппарат", fold(title_line)):
        return "Аппарат"
    return None


def _unit(title_line, title_lineno, body, all_text, language, organisation, warnings):
    """(name, kind) of the unit the regulation defines: from the title, checked against what the body
    calls it ("(bundan sonra - Şöbə)", "(hereinafter – the Sector)", "(далее – Отдел)")."""
    name, kind = unit_from_title(title_line, language, organisation)
    lead_in_names = [m["name"] for t in body if t.type == "para" and (m := RU_LEAD_IN_NAME.match(t.text))]
    if language == "ru" and lead_in_names:
        name = lead_in_names[0]  # Russian titles are in the prepositional case; a lead-in has the nominative
    declared_kind, declared_name = body_unit(all_text, language)
    if language == "ru" and declared_name and not lead_in_names:
        name = declared_name
    if declared_kind and kind and declared_kind != kind:
        warnings.append(Warning(
            "title_kind_mismatch",
            f"The title names a {kind} (“{title_line}”), but the body calls the unit a {declared_kind}.",
            title_lineno,
        ))
        kind, name = declared_kind, declared_name or name
    return name or declared_name, kind or declared_kind or "department"


class _BodyWalk:
    """Walks a regulation's body. Headings set the section's kind (and sometimes a sector); lead-ins
    ending in ':' set the kind and unit of the clauses numbered (or listed) under them."""

    def __init__(self, *, language, unit_name, title_lineno, warnings, is_model=False):
        self.language, self.unit_name, self.title_lineno, self.warnings = language, unit_name, title_lineno, warnings
        # prose about the unit a model regulation describes (its aims, whom it reports to) is a general clause
        self.prose_about = fold(unit_name.split()[0])[:7] if is_model and unit_name else None
        self.prose_count = 0
        self.sectors, self.clauses, self.contexts = [], [], {}
        self.section = ("general", unit_name)
        self.list_index, self.list_context, self.seen_heading = 0, None, False

    def run(self, body):
        for token in body:
            getattr(self, token.type)(token)
        return self.clauses, self.sectors

    def _sector(self, text):
        sector = sector_named_in(text, self.language)
        if sector:
            self.sectors.append(sector)
        return sector

    def heading(self, token):
        self.seen_heading = True
        sector = self._sector(token.text)
        self.section = (section_kind(token.text) or self.section[0], sector or self.unit_name)

    def para(self, token):
        text = token.text
        if text.endswith(":"):  # a lead-in to a "1) …" list
            sector = self._sector(text)
            kind = "head_power" if is_head_lead_in(text) else section_kind(text) or "duty"
            self.list_index += 1
            self.list_context = (kind, sector or self.unit_name)
        elif looks_like_heading_text(text) and section_kind(text) and token.line != self.title_lineno:
            self.heading(token)  # an unnumbered heading ("… sektorunun funksiyaları")
        elif self.prose_about and text.endswith(".") and len(text) >= 40 and self.prose_about in fold(text):
            self.prose_count += 1
            number = f"§{self.prose_count}"
            # sorted with the lists it stands among, before the next list's items
            self.clauses.append(ParsedClause(number, f"p{self.prose_count}", f"~{self.list_index:04d}!{self.prose_count:03d}",
                                             "general", self.unit_name, text, token.line))
        else:
            self.warnings.append(Warning("unparsed_line", f"Line {token.line} fits no clause: “{text[:120]}”", token.line))

    def item(self, token):
        if self.list_context is None:
            self.list_index += 1
            self.list_context = (self.section[0] if self.seen_heading else "duty", self.section[1])
        kind, owner = self.list_context
        self.clauses.append(ParsedClause(f"{token.number})", f"{self.list_index}.{token.number})",
                                         sort_key_for(token.number, self.list_index), kind, owner, token.text, token.line))

    def clause(self, token):
        number, text = token.number, token.text
        kind, owner = self.section
        parts = number.split(".")
        for depth in range(len(parts) - 1, 0, -1):  # the nearest lead-in above this number decides
            if (ancestor := ".".join(parts[:depth])) in self.contexts:
                kind, owner = self.contexts[ancestor]
                break
        if text.endswith(":"):
            if is_head_lead_in(text):
                self.contexts[number] = kind, owner = ("head_power", owner)
            elif sector := self._sector(text):
                self.contexts[number] = kind, owner = (section_kind(text) or kind, sector)
        self.sectors.extend(sectors_in_structure_clause(text, self.language))
        self.clauses.append(ParsedClause(number, number, sort_key_for(number), kind, owner, text, token.line))
        self.list_context = None


def parse_regulation(pre_run, body, *, organisation_override=None):
    header, title_line, title_lineno = split_title(pre_run)
    all_text = " ".join(t.text for t in body)
    language = detect_language(f"{title_line} {all_text}")
    warnings = []
    title = regulation_title(title_line, language)
    organisation, organisation_kind = find_organisation([title_line, *(t.text for t in body[:6]), header], language)
    organisation = organisation_override or organisation
    unit_name, unit_kind = _unit(title_line, title_lineno, body, all_text, language, organisation, warnings)
    unit_name = sentence_case(unit_name or title)
    approval = parse_approval(f"{header} {title_line if language == 'ru' else ''}".strip(), language)

    is_model = any(m in fold(title_line) for m in MODEL_MARKERS)
    clauses, sectors = _BodyWalk(language=language, unit_name=unit_name, title_lineno=title_lineno, warnings=warnings,
                                 is_model=is_model).run(body)
    clauses = _check_clauses(clauses, warnings)
    if len(warnings) > MAX_WARNINGS_PER_REGULATION:
        more = len(warnings) - MAX_WARNINGS_PER_REGULATION
        warnings[MAX_WARNINGS_PER_REGULATION:] = [Warning("more_warnings", f"{more} more warnings not shown.")]
    sectors = _unique_sectors(sectors)
    by_fold = {fold(s): s for s in sectors}
    for clause in clauses:  # clauses name the sector exactly as the sector list does
        clause.unit = by_fold.get(fold(clause.unit), clause.unit)
    return ParsedRegulation(
        title=title, language=language, organisation=organisation, organisation_kind=organisation_kind,
        administration=_administration(language, title_line, all_text),
        is_model=is_model, unit={"name": unit_name, "kind": unit_kind},
        approval=approval, sectors=[{"name": s, "kind": "sector"} for s in sectors], clauses=clauses, warnings=warnings,
    )


MAX_SECTORS = 100  # far above any real department; bounds the pairwise comparison below


def _unique_sectors(names):
    result, folded_result = [], []
    for name in dict.fromkeys(names):
        folded = fold(name)
        if any(folded in r or r in folded for r in folded_result):
            continue
        result.append(name)
        folded_result.append(folded)
        if len(result) >= MAX_SECTORS:
            break
    return result


def _check_clauses(clauses, warnings):
    """Report empty clauses, duplicate numbers and numbering gaps; give duplicates a unique key."""
    kept, seen = [], {}
    for clause in clauses:
        if clause.key in seen:
            count = seen[clause.key] = seen[clause.key] + 1
            warnings.append(Warning(
                "duplicate_number", f"Clause number {clause.number} appears again on line {clause.line}.", clause.line))
            clause.key = f"{clause.key}#{count}"
            clause.sort_key = f"{clause.sort_key}#{count:03d}"
        else:
            seen[clause.key] = 1
        kept.append(clause)

    siblings = {}
    for clause in kept:
        if "#" in clause.key or clause.number.startswith("§"):
            continue  # a duplicate, or prose made a general clause: neither is a step in the numbering
        if clause.number.endswith(")"):
            parent, last = clause.key.split(".", 1)[0] + ")", clause.number.rstrip(")")
        else:
            if "-" in clause.number.rsplit(".", 1)[-1]:
                continue  # "3.1.2-1" is an insertion, not a step in the sequence
            parent, _, last = clause.number.rpartition(".")
        siblings.setdefault(parent, []).append((int(last), clause))
    for items in siblings.values():
        for (a, first), (b, second) in pairwise(items):
            if b > a + 1:
                missing = [_renumber(first.number, n) for n in range(a + 1, b)]
                label = missing[0] if len(missing) == 1 else f"{missing[0]}–{missing[-1]}"
                warnings.append(Warning(
                    "numbering_gap", f"{label} missing between {first.number} and {second.number}", second.line))
    for clause in kept:
        if not clause.text.strip(" :;."):
            warnings.append(Warning("empty_clause", f"Clause {clause.number} has no text (line {clause.line}).", clause.line))
    return [c for c in kept if c.text.strip(" :;.")]


def _renumber(number, n):
    if number.endswith(")"):
        return f"{n})"
    return f"{number.rpartition('.')[0]}.{n}"


def parse_text(text, *, organisation=None):
    tokens = tokenize(text)
    regulations = [parse_regulation(pre, body, organisation_override=organisation) for pre, body in split_regulations(tokens)]
    # Regulations bundled in one file belong to one organisation unless they say otherwise.
    known = next((r for r in regulations if r.organisation), None)
    for regulation in regulations:
        if not regulation.organisation and known:
            regulation.organisation, regulation.organisation_kind = known.organisation, known.organisation_kind
        if not regulation.organisation:
            regulation.warnings.append(Warning("no_organisation", "The text names no organisation; pass --organisation."))
    return regulations
