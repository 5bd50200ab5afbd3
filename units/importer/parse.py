"""Parse regulation texts (Əsasnamə / Regulations / Положение) into data. Pure Python: no Django.

The parser works on the *forms* a regulation takes, not on particular files:
- clause numbers "3.1.2", "3.1.2-1", "5.2..", "5.1" (on the text's line, or alone on a line with the text
  after blank lines); Roman or Arabic section headings ("I.General provisions", "1. Ümumi müddəalar");
  Russian "1) …" lists under lead-ins ("Задачами … являются:", "осуществляет следующие функции:");
- several regulations in one file, each with its approval block and title;
- defects (numbering gaps, duplicate numbers, empty clauses, a title naming another kind of unit than the
  body, lines that fit nowhere) are reported as warnings, never hidden.
"""

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import pairwise

from units.importer.text import az_nominative, clean_line, fold, sentence_case, upper_first

# --- vocabulary -------------------------------------------------------------------------------------

MONTHS = {
    **{fold(m): i for i, m in enumerate(
        ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"], 1)},
    **{fold(m): i for i, m in enumerate(
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"], 1)},
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
}

# Words naming a kind of unit, by language (folded prefixes).
UNIT_WORDS = [
    ("şöbə", "department"), ("departament", "department"), ("idarə", "department"), ("bölmə", "department"),
    ("sektor", "sector"), ("mərkəz", "centre"),
    ("department", "department"), ("division", "department"), ("directorate", "department"),
    ("sector", "sector"), ("centre", "centre"), ("center", "centre"),
    ("отдел", "department"), ("департамент", "department"), ("управлени", "department"),
    ("подразделени", "department"), ("сектор", "sector"), ("центр", "centre"),
]
ORGANISATION_WORDS = [("nazirliy", "ministry"), ("agentliy", "agency"), ("komitə", "agency")]

KIND_PHRASES = [
    ("organisation", ["fəaliyyətinin təşkili", "organization of the activity", "organisation of the activity",
                      "organization of activity", "организация деятельности", "организация работы"]),
    ("area", ["fəaliyyət istiqamətləri", "areas of activity", "area of activity", "направления деятельности"]),
    ("general", ["ümumi müddəalar", "general provisions", "общие положения"]),
]
KIND_PREFIXES = [
    ("right", ("hüquqlar", "hüquqları", "rights", "права", "правами")),
    ("function", ("funksiya", "function", "функци")),
    ("duty", ("vəzifələr", "vəzifəsi", "duties", "duty", "tasks", "задач", "обязанност")),
]
HEAD_WORDS = ("müdiri", "müdir", "rəisi", "rəhbəri", "direktoru", "head", "director", "chief",
              "начальник", "руководител", "заведующ", "директор")
APPROVAL_RE = re.compile(r"təsdiq (?:edilmişdir|olunmuşdur|edilib)|\bapproved\b|\bутвержден[оаы]?\b")
MODEL_MARKERS = ("nümunəvi", "типово", "model regulation")

_K = [(kind, [fold(p) for p in phrases]) for kind, phrases in KIND_PHRASES]
_P = [(kind, tuple(fold(p) for p in prefixes)) for kind, prefixes in KIND_PREFIXES]

# --- line forms -------------------------------------------------------------------------------------

CLAUSE_RE = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})+(?:-\d{1,3})?)(?P<dots>\.{0,3}|\))(?=\s|$)\s*(?P<rest>.*)$")
TOP_NUMBER_RE = re.compile(r"^(?P<num>\d{1,2})\.(?=\s|\S)\s*(?P<rest>\D.*)$")
ROMAN_RE = re.compile(r"^(?P<num>[IVXLC]{1,7})\s*\.\s*(?P<rest>\S.*)$")
ITEM_RE = re.compile(r"^(?P<num>\d{1,3})\)\s*(?P<rest>.*)$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text):
    total, previous = 0, 0
    for char in reversed(text):
        value = ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


@dataclass
class Token:
    type: str  # clause | heading | item | para | blank
    line: int
    number: str = ""
    text: str = ""
    joined_after_blank: bool = False


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


# --- tokenising ----------------------------------------------------------------------------------------

def _looks_like_heading_text(text):
    return len(text) <= 160 and not re.search(r"[.;,]$", text) and text[:1].isupper()


def tokenize(text):
    tokens, previous_blank = [], True
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = clean_line(raw)
        if not line:
            tokens.append(Token("blank", lineno))
            previous_blank = True
            continue
        last = next((t for t in reversed(tokens) if t.type != "blank"), None)
        if match := CLAUSE_RE.match(line):
            tokens.append(Token("clause", lineno, match["num"], match["rest"].strip()))
        elif (match := ROMAN_RE.match(line)) and _looks_like_heading_text(match["rest"]):
            tokens.append(Token("heading", lineno, match["num"], match["rest"].strip()))
        elif (match := TOP_NUMBER_RE.match(line)) and _looks_like_heading_text(match["rest"].strip()):
            tokens.append(Token("heading", lineno, match["num"], match["rest"].strip()))
        elif match := ITEM_RE.match(line):
            tokens.append(Token("item", lineno, match["num"], match["rest"].strip()))
        elif last is not None and last.type in ("clause", "item") and not last.text:
            # A number alone on its line: the text follows, often after blank lines.
            last.text = line
        elif last is not None and last.type in ("clause", "item") and not previous_blank and (
            not re.search(r"[.;:]$", last.text) or line[:1].islower()
        ):
            # a wrapped line continues the clause; a finished sentence followed by a capital does not
            last.text = f"{last.text} {line}"
        else:
            tokens.append(Token("para", lineno, text=line))
        previous_blank = False
    return [t for t in tokens if t.type != "blank"]


# --- helpers ------------------------------------------------------------------------------------------

def detect_language(text):
    cyrillic = len(re.findall(r"[а-яёА-ЯЁ]", text))
    azeri = len(re.findall(r"[əğşıçöüƏĞŞÇÖÜİ]", text))
    latin = len(re.findall(r"[a-zA-Z]", text))
    if cyrillic > latin:
        return "ru"
    return "az" if azeri > latin / 40 else "en"


def section_kind(text):
    """The clause kind a heading or lead-in announces, or None."""
    folded = fold(text)
    for kind, phrases in _K:
        if any(p in folded for p in phrases):
            return kind
    best = None
    for word_position, word in enumerate(re.findall(r"\w+", folded)):
        for kind, prefixes in _P:
            if word.startswith(prefixes) and (best is None or word_position < best[0]):
                best = (word_position, kind)
    return best[1] if best else None


POWER_WORDS = ("səlahiyyət", "powers", "полномоч")


def is_head_lead_in(text):
    """"Şöbə müdiri:", "Head of the Department:", or a longer lead-in about the head's powers."""
    if not text.endswith(":"):
        return False
    folded = fold(text)
    if not any(w in folded for w in HEAD_WORDS):
        return False
    return len(text.split()) <= 7 or any(w in folded for w in POWER_WORDS)


def unit_kind_of(text, *, last=False):
    words = re.findall(r"\w+", fold(text))
    if last:
        words = list(reversed(words))
    for word in words:
        for prefix, kind in UNIT_WORDS:
            if word.startswith(fold(prefix)):
                return kind
    return None


_AZ_SECTOR = re.compile(
    r"^(?:[IVXLC]+\.\s*)?(?P<name>.+?\bsektor(?:unun|u))\s+(?:aşağıdakı\s+)?(?:əsas\s+)?(?:vəzifə|funksiya|hüquq)", re.I)
_EN_SECTOR = re.compile(
    r"(?:duties|functions|rights|tasks)\s+of\s+(?:the\s+)?(?P<name>sector\b.+?)(?=\s+(?:included|are|is|which)\b|[:;,.]|$)",
    re.I,
)
_EN_SECTOR_2 = re.compile(r"^(?:the\s+)?(?P<name>(?:[A-Z][\w-]*\s+)+Sector)(?:'s)?\s+(?:duties|functions|rights|tasks)")
_RU_SECTOR = re.compile(r"(?:задачи|функции|обязанности|права)\s+(?P<name>сектора\s.+?)(?=[:;,.]|\s+являются|$)", re.I)


def sector_named_in(text, language):
    """The sector a heading or lead-in is about, in the nominative; None if it names none."""
    if language == "az" and (m := _AZ_SECTOR.search(text)):
        return upper_first(az_nominative(m["name"]))
    if language == "en" and (m := _EN_SECTOR.search(text) or _EN_SECTOR_2.search(text)):
        return upper_first(m["name"].strip())
    if language == "ru" and (m := _RU_SECTOR.search(text)):
        return "Сектор " + m["name"].split(" ", 1)[1]
    return None


def sectors_in_structure_clause(text, language):
    """Sector names from "Şöbənin strukturuna A, B və C sektorları daxildir" and its equivalents."""
    if language == "az":
        m = re.search(r"strukturuna\s+(?P<list>.+?)\s+sektor(?:ları|u)\s+daxildir", text, re.I)
        if m:
            return [f"{upper_first(p.strip())} sektoru" for p in re.split(r",\s*|\s+və\s+", m["list"]) if p.strip()]
    elif language == "en":
        m = re.search(r"(?P<list>Sector\b.+?)\s+(?:are|is)\s+included\s+in(?:to)?\s+the\s+structure", text, re.I) or re.search(
            r"structure\s+of\s+the\s+\w+\s+(?:includes|consists of)\s+(?P<list>.+?)\.?$", text, re.I)
        if m:
            parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?Sector\b)", m["list"])
            return [upper_first(re.sub(r"^the\s+", "", p.strip(), flags=re.I)) for p in parts if "sector" in p.lower()]
    elif language == "ru":
        m = re.search(r"в\s+структуру\s+\w+\s+входят\s+(?P<list>.+?)\.?$", text, re.I)
        if m:
            return [upper_first(p.strip()) for p in re.split(r",\s*|\s+и\s+(?=сектор)", m["list"]) if "сектор" in p.lower()]
    return []


def sort_key_for(number, list_index=None):
    if list_index is not None:
        return f"~{list_index:04d}){int(number.rstrip(')')):05d}"
    parts = []
    for part in number.split("."):
        main, _, suffix = part.partition("-")
        parts.append(f"{int(main):05d}" + (f"-{int(suffix):05d}" if suffix else ""))
    return ".".join(parts)


def _parse_date(text):
    day = re.search(r"(?<!\d)(\d{1,2})(?!\d)", text)
    year = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    month = next((MONTHS[w] for w in re.findall(r"\w+", fold(text)) if w in MONTHS), None)
    if month is None and (m := re.search(r"(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})", text)):
        return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    if day and month and year:
        try:
            return date(int(year[1]), month, int(day[1])).isoformat()
        except ValueError:
            return None
    return None


_APPROVAL_MARKER = re.compile(
    r"[\"«“*]*\s*(?:təsdiq\s+(?:edilmişdir|olunmuşdur|edilib)|approved|утвержден[оаы]?)\s*[\"»”*.:]*", re.I)
_AZ_DATE_BEFORE_TARIXLI = [
    # "29 dekabr 2014-cü il", "“____” ____ 2025-ci il"
    re.compile(r"(?:[\"“]?\s*[\d_]{1,2}\s*[\"”]?\s+)?(?:[^\s\d\"“”]+\s+)?(?:\d{4}|_+)\s*-?\s*c[iıuü]\s+il$"),
    # "2020-ci il 15 may"
    re.compile(r"(?:\d{4}|_+)\s*-?\s*c[iıuü]\s+il(?:in)?\s+(?:[\"“]?[\d_]{1,2}[\"”]?\s+)?[^\s\d]+$"),
    # "29.12.2014"
    re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{4}(?:\s*-?\s*c[iıuü]\s+il)?$"),
]
_EN_DATE = re.compile(r"\d{1,2}\s+[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{1,2},\s*\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4}")
_RU_ACT = re.compile(r"^(?:приказом|постановлением|решением|распоряжением|указом)\s+", re.I)
_RU_NOMINATIVE = {"министра": "Министр", "председателя": "Председатель", "руководителя": "Руководитель",
                  "министерства": "Министерство", "правительства": "Правительство"}


def _blank_to_none(value):
    value = (value or "").strip(" .,\"“”«»")
    return value if re.search(r"\w", value.replace("_", "")) else None


def _parse_az_approval(header):
    text = _APPROVAL_MARKER.sub(" ", header)
    text = re.sub(r"\s+", " ", text).strip()
    folded = fold(text)
    where = folded.find("tarixli")
    if where < 0:
        return None
    before, after = text[:where].strip(), text[where + len("tarixli"):].strip()
    number = None
    if (n := fold(after).find("nömrəli")) >= 0:
        number = _blank_to_none(after[:n])
    date_text, by = "", before
    for pattern in _AZ_DATE_BEFORE_TARIXLI:
        if match := pattern.search(before):
            date_text, by = match.group(0), before[: match.start()]
            break
    by = by.strip(" ,\"“”")
    return {"by": upper_first(az_nominative(by)) if by else None, "date": _parse_date(date_text), "number": number}


def _parse_en_approval(header):
    match = re.search(r"approved\s+by\s+(?P<rest>.+)$", header, re.I)
    if not match:
        return None
    rest = match["rest"]
    number = re.search(r"(?:No\.?|№|number)\s*(?P<n>[\w./-]*\d[\w./-]*)", rest, re.I)
    date_match = _EN_DATE.search(rest)
    by = rest
    for part in (number.group(0) if number else "", date_match.group(0) if date_match else ""):
        by = by.replace(part, " ") if part else by
    by = re.sub(r"\b(?:dated|of|on)\s*(?=[,.]?\s*$)", "", re.sub(r"\s+", " ", by)).strip(" ,.")
    return {"by": by or None, "date": _parse_date(date_match.group(0)) if date_match else None,
            "number": number["n"] if number else None}


def _parse_ru_approval(header):
    match = re.search(
        r"утвержден\w*\s+(?P<by>.+?)\s+от\s+(?P<date>«?\d{1,2}»?\s+\w+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})(?:\s+года)?"
        r"(?:\s*(?:№|N)\s*(?P<number>[\w./-]+))?", header, re.I)
    if match:
        by = _RU_ACT.sub("", match["by"].strip(" ,"))
        first, _, tail = by.partition(" ")
        by = f"{_RU_NOMINATIVE.get(first.lower(), first)} {tail}".strip()
        return {"by": by, "date": _parse_date(match["date"]), "number": match["number"]}
    if match := _RU_ORDER_NEWS.search(header):
        years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", header)
        when = _parse_date(f"{match['day']} {match['month']} {years[0]}") if years else None
        return {"by": match["by"].strip(), "date": when, "number": None}
    return None


_RU_ORDER_NEWS = re.compile(r"(?P<by>Министерств\w+[^\"«.]*?)\s+выпустил\w*\s+(?P<day>\d{1,2})\s+(?P<month>[а-яё]+)\s+приказ", re.I)


def parse_approval(header, language):
    """{"by", "date", "number"} from an approval block; blanks ("____") and what is missing stay None."""
    parser = {"az": _parse_az_approval, "en": _parse_en_approval, "ru": _parse_ru_approval}[language]
    return (parser(header) if header else None) or {"by": None, "date": None, "number": None}


def find_organisation(texts, language):
    """(name in the nominative, kind) of the organisation a regulation belongs to."""
    for text in texts:
        if language == "az":
            words = text.split()
            for index, word in enumerate(words):
                folded = fold(word.strip("(),."))
                kind = next((k for prefix, k in ORGANISATION_WORDS if folded.startswith(prefix)), None)
                if kind is None or not word[:1].isupper():
                    continue
                start = index
                while start > 0:
                    previous = words[start - 1].strip("\"'")
                    if fold(previous).startswith("respublika") or re.match(r"^\d", previous):
                        break
                    if previous[:1].isupper() or (previous == "və" and start > 1 and words[start - 2][:1].isupper()):
                        start -= 1
                        continue
                    break
                name = " ".join(w.strip("\"'") for w in words[start:index + 1]).strip("(),.")
                return az_nominative(name), kind
        elif language == "en":
            if m := re.search(r"\b((?:Ministry|Agency|Committee) (?:of|for) [A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)", text):
                return m[1], "agency" if m[1].startswith(("Agency", "Committee")) else "ministry"
        elif language == "ru":
            m = re.search(r"((?:Министерств[оа]|Агентств[оа]|Комитет[а]?)\s+[а-яё]+(?:\s+(?:и\s+)?[а-яё]+){0,5}?)"
                          r"(?=\s+(?:выпустил\w*|утвердил\w*|от|Республики|РК)\b|\s*[,.(\"«]|$)", text)
            if m:
                first, _space, rest = m[1].partition(" ")
                nominative = {"Министерства": "Министерство", "Агентства": "Агентство", "Комитета": "Комитет"}.get(first, first)
                return f"{nominative} {rest}", "agency" if nominative in ("Агентство", "Комитет") else "ministry"
    return None, "ministry"


_BODY_ALIAS = {
    "az": re.compile(r"\(\s*bundan\s+sonra\s*[-–—]?\s*(\w+)\s*\)", re.I),
    "en": re.compile(r"\(\s*(?:hereinafter|thereafter)\s*[-–—]?\s*(?:the\s+)?(\w+)\s*\)", re.I),
    "ru": re.compile(r"\(\s*далее\s*[-–—]?\s*(\w+)\s*\)", re.I),
}
_EN_BODY_NAME = re.compile(
    r"\bThe\s+(?P<name>[A-Z][^()]*?\b(?:Sector|Department|Division|Centre|Center))\b[^()]*\((?:hereinafter|thereafter)")
_RU_BODY_NAME = re.compile(r"(?P<name>(?:Отдел|Сектор|Департамент|Управление|Центр)\b[^()]*?)\s*\(\s*далее")


_AZ_NAME_STOPS = ("olan", "kimi", "bu", "və")


def _az_body_name(text, alias):
    """"… struktur bölməsi olan Maliyyə şöbəsi (bundan sonra - Şöbə) …" -> "Maliyyə şöbəsi"."""
    match = re.search(rf"\(\s*bundan\s+sonra\s*[-–—]?\s*{re.escape(alias)}\s*\)", text, re.I)
    if not match:
        return None
    words = text[: match.start()].split()
    name = []
    for word in reversed(words):
        folded = fold(word)
        if folded in _AZ_NAME_STOPS or word.endswith(")") or re.match(r"^\d", word) or \
                any(folded.startswith(p) for p in ("nazirliy", "agentliy", "aparat", "respublika")):
            break
        name.insert(0, word)
    if not name or unit_kind_of(name[-1]) is None:
        return None
    return upper_first(az_nominative(" ".join(name)))


def body_unit(clauses_text, language):
    """(kind, name or None) the body declares for its unit ("(hereinafter – the Sector)")."""
    for alias in _BODY_ALIAS[language].findall(clauses_text[:3000]):
        kind = unit_kind_of(alias)
        if kind:
            name = None
            if language == "en" and (m := _EN_BODY_NAME.search(clauses_text[:3000])) and unit_kind_of(m["name"], last=True) == kind:
                name = m["name"].strip()
            elif language == "az":
                name = _az_body_name(clauses_text[:3000], alias)
            elif language == "ru" and (m := _RU_BODY_NAME.search(clauses_text[:3000])):
                # "Отдел по связям с общественностью Министерства … (далее – Отдел)": the unit, not its ministry
                name = re.split(r"\s+(?:Министерства|Агентства|Комитета)\b", m["name"])[0].strip()
            return kind, name
    return None, None


def is_title_line(text):
    """A line that names a regulation: "… şöbəsinin Əsasnaməsi", "… haqqında ƏSASNAMƏ", "Положение о …",
    or an order "Об утверждении Типового положения …"."""
    folded = fold(text).strip(" .\"'«»")
    if re.search(r"əsasnamə(si)?$", folded):
        return True
    return bool(re.match(r"(типовое\s+)?положение\s+(о|об)\b", folded) or "об утверждении" in folded and "положени" in folded)


# --- splitting a file into regulations ----------------------------------------------------------------

def _starts_regulation(token):
    return token.type == "heading" and token.number in ("I", "1")


def split_regulations(tokens):
    """[(pre_run_tokens, body_tokens)] — pre-run: the approval block and title before the body."""
    starts = [i for i, t in enumerate(tokens) if _starts_regulation(t)]
    if not starts:
        markers = [i for i, t in enumerate(tokens) if t.type == "para" and is_title_line(t.text)]
        if not markers:
            return [([], tokens)]
        # Regulations in prose (news, orders): each starts right after its title line.
        starts = [m + 1 for m in markers]
    result = []
    for n, start in enumerate(starts):
        pre_begin = start
        while pre_begin > 0 and tokens[pre_begin - 1].type == "para":
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


# --- one regulation -----------------------------------------------------------------------------------

def _regulation_title(title, language):
    quoted = re.search(r"[\"«“]\s*Об утверждении\s+(?P<what>[^\"»”]+)[\"»”]", title)
    if quoted:
        what = quoted["what"].strip()
        what = re.sub(r"^Типового положения", "Типовое положение", what)
        return re.sub(r"^Положения", "Положение", what)
    return title


def _unit_from_az_title(title, organisation):
    words = title.split()
    folded = [fold(w) for w in words]
    index = max(
        (i for i, w in enumerate(folded)
         if any(w.startswith(fold(p)) for p, _k in UNIT_WORDS if re.match(r"[a-zəöüçşğı]", p)) and not w.startswith("nazirliy")),
        default=None,
    )
    if index is None:
        return None, None
    start = 0
    for i, w in enumerate(folded[:index]):
        if w.startswith(("respublika", "aparat", "əsasnamə", "nümunəvi")) or (
                organisation and any(w.startswith(p) for p, _ in ORGANISATION_WORDS)):
            start = i + 1
    phrase = " ".join(words[start:index + 1])
    return upper_first(az_nominative(phrase)), unit_kind_of(words[index])


def _unit_from_title(title, language, organisation):
    if language == "az":
        return _unit_from_az_title(title, organisation)
    if language == "en":
        name = re.sub(r"^(?:the\s+)?regulations?\s+(?:on|of)\s+(?:the\s+)?", "", title, flags=re.I).strip()
        return (name or None), unit_kind_of(title)
    return None, unit_kind_of(title)


_RU_NAME = re.compile(r"^(?P<name>[А-ЯЁ][^:]+?)\s+(?:осуществляет|выполняет|имеет)\b")


def parse_regulation(pre_run, body, *, organisation_override=None):
    header, title_line, title_lineno = split_title(pre_run)
    all_text = " ".join(t.text for t in body)
    language = detect_language(f"{title_line} {all_text}")
    warnings = []
    title = _regulation_title(title_line, language)
    is_model = any(m in fold(title_line) for m in MODEL_MARKERS)

    body_texts = [t.text for t in body[:6]]
    organisation, organisation_kind = find_organisation([title_line, *body_texts, header], language)
    if organisation_override:
        organisation = organisation_override
    administration = None
    if language == "az" and re.search(r"\baparat", fold(title_line)):
        administration = "Aparat"
    elif language == "en" and re.search(r"central administration|administration of the ministry", all_text[:4000], re.I):
        administration = "Central Administration"
    elif language == "ru" and re.search(r"\bаппарат", fold(title_line)):
        administration = "Аппарат"

    unit_name, unit_kind = _unit_from_title(title_line, language, organisation)
    lead_in_names = [m["name"] for t in body if t.type == "para" and (m := _RU_NAME.match(t.text))]
    if language == "ru" and lead_in_names:
        unit_name = lead_in_names[0]
    declared_kind, declared_name = body_unit(all_text, language)
    if language == "ru" and declared_name and not lead_in_names:
        unit_name = declared_name
    if declared_kind and unit_kind and declared_kind != unit_kind:
        warnings.append(Warning(
            "title_kind_mismatch",
            f"The title names a {unit_kind} (“{title_line}”), but the body calls the unit a {declared_kind}.",
            title_lineno,
        ))
        unit_kind, unit_name = declared_kind, declared_name or unit_name
    if not unit_name and declared_name:
        unit_name = declared_name  # the title did not name the unit; the body does
    unit_kind = unit_kind or declared_kind or "department"
    unit_name = sentence_case(unit_name or title)

    approval = parse_approval(f"{header} {title_line if language == 'ru' else ''}".strip(), language)

    # Walk the body: headings set the section kind (and sometimes a sector); lead-in clauses ending in ':'
    # set the kind and unit of the clauses numbered under them.
    sectors, clauses, contexts = [], [], {}
    section = ("general", unit_name)
    list_index, list_context, seen_heading = 0, None, False
    for token in body:
        if token.type == "heading":
            seen_heading = True
            sector = sector_named_in(token.text, language)
            section = (section_kind(token.text) or section[0], sector or unit_name)
            if sector:
                sectors.append(sector)
            continue
        if token.type == "para":
            if token.text.endswith(":"):
                sector = sector_named_in(token.text, language)
                kind = "head_power" if is_head_lead_in(token.text) else section_kind(token.text) or "duty"
                list_index += 1
                list_context = (kind, sector or unit_name)
                if sector:
                    sectors.append(sector)
                continue
            if _looks_like_heading_text(token.text) and section_kind(token.text) and token.line != title_lineno:
                sector = sector_named_in(token.text, language)
                section = (section_kind(token.text), sector or unit_name)
                if sector:
                    sectors.append(sector)
                seen_heading = True
                continue
            warnings.append(Warning("unparsed_line", f"Line {token.line} fits no clause: “{token.text[:120]}”", token.line))
            continue
        if token.type == "item":
            if list_context is None:
                list_index += 1
                list_context = (section[0] if seen_heading else "duty", section[1])
            kind, owner = list_context
            clauses.append(ParsedClause(f"{token.number})", f"{list_index}.{token.number})",
                                        sort_key_for(token.number, list_index), kind, owner, token.text, token.line))
            continue
        # a numbered clause
        number = token.number
        kind, owner = section
        parts = number.split(".")
        for depth in range(len(parts) - 1, 0, -1):
            if (ancestor := ".".join(parts[:depth])) in contexts:
                kind, owner = contexts[ancestor]
                break
        text = token.text
        if text.endswith(":"):
            sector = sector_named_in(text, language)
            if is_head_lead_in(text):
                contexts[number] = kind, owner = ("head_power", owner)
            elif sector:
                contexts[number] = kind, owner = (section_kind(text) or kind, sector)
                sectors.append(sector)
        for name in sectors_in_structure_clause(text, language):
            sectors.append(name)
        clauses.append(ParsedClause(number, number, sort_key_for(number), kind, owner, text, token.line))
        list_context = None

    clauses = _check_clauses(clauses, warnings)
    sectors = _unique_sectors(sectors)
    # clauses name the sector exactly as the sector list does
    by_fold = {fold(s): s for s in sectors}
    for clause in clauses:
        clause.unit = by_fold.get(fold(clause.unit), clause.unit)
    return ParsedRegulation(
        title=title, language=language, organisation=organisation, organisation_kind=organisation_kind,
        administration=administration, is_model=is_model, unit={"name": unit_name, "kind": unit_kind},
        approval=approval, sectors=[{"name": s, "kind": "sector"} for s in sectors],
        clauses=clauses, warnings=warnings,
    )


def _unique_sectors(names):
    result = []
    for name in names:
        folded = fold(name)
        if any(folded == fold(r) or folded in fold(r) or fold(r) in folded for r in result):
            continue
        result.append(name)
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
        if "#" in clause.key:
            continue
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
