"""Names in a regulation: the organisation, the unit, its sectors and the regulation's title, in the
nominative case. Pure Python."""

import re

from units.importer.text import az_nominative, fold, normalise_quotes, upper_first
from units.importer.vocabulary import ORGANISATION_WORDS, UNIT_WORDS, unit_kind_of

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
        return normalise_quotes(upper_first(az_nominative(m["name"])))
    if language == "en" and (m := _EN_SECTOR.search(text) or _EN_SECTOR_2.search(text)):
        return upper_first(m["name"].strip())
    if language == "ru" and (m := _RU_SECTOR.search(text)):
        return "Сектор " + m["name"].split(" ", 1)[1]
    return None


_AZ_STRUCTURE = [
    re.compile(r"(?:strukturuna|tərkibinə)\s+(?P<list>.+?)\s+sektor(?:ları|u)\s+daxil", re.I),
    re.compile(r"\b(?:şöbə|idarə|departament|mərkəz)\w*\s+(?P<list>.+?)\s+sektor(?:larından|undan)\s+ibarətdir", re.I),
]
_OWN_SECTOR_WORD = re.compile(r"\s+sektor(?:u|ları)$")
_EN_STRUCTURE = [
    re.compile(r"(?P<list>Sector\b.+?)\s+(?:are|is)\s+included\s+in(?:to)?\s+the\s+structure", re.I),
    re.compile(r"structure\s+of\s+the\s+\w+\s+(?:includes|consists of)\s+(?P<list>.+?)\.?$", re.I),
    re.compile(r"\b(?:Department|Division|Directorate|Centre|Center)\s+(?:consists of|includes)\s+(?P<list>.+?)\.?$", re.I),
]


def sectors_in_structure_clause(text, language):
    """Sector names from "Şöbənin strukturuna A, B və C sektorları daxildir" and its equivalents."""
    if language == "az":
        for pattern in _AZ_STRUCTURE:
            if m := pattern.search(text):
                parts = re.split(r",\s*|\s+və\s+", m["list"])
                # each part may carry its own "sektoru" ("A sektoru və B sektoru daxildir")
                names = [_OWN_SECTOR_WORD.sub("", p.strip()) for p in parts if p.strip()]
                return [normalise_quotes(f"{upper_first(name)} sektoru") for name in names]
    elif language == "en":
        for pattern in _EN_STRUCTURE:
            if m := pattern.search(text):
                parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?Sector\b)", m["list"])
                return [upper_first(re.sub(r"^the\s+", "", p.strip(), flags=re.I)) for p in parts if "sector" in p.lower()]
    elif language == "ru":
        m = re.search(r"в\s+структуру\s+\w+\s+входят\s+(?P<list>.+?)\.?$", text, re.I)
        if m:
            return [upper_first(p.strip()) for p in re.split(r",\s*|\s+и\s+(?=сектор)", m["list"]) if "сектор" in p.lower()]
    return []


_AZ_NAME_LINKS = tuple(fold(word) for word in ("və", "üzrə", "yanında"))  # compared folded (ı -> i)
_AZ_BESIDE = fold("yanında")
# heads that name an organisation only inside a longer official name ("… yanında … Dövlət Xidməti")
_AZ_WEAK_HEADS = [("xidmət", "agency"), ("mərkəz", "agency")]


def _az_organisation(words):
    """The organisation's whole official name in `words`: its head ("Nazirliyi", "Agentliyi", "Komitəsi", or in a
    longer name "Xidməti", "Mərkəzi") with every modifier before it, joined by "və", "üzrə" and "yanında"
    ("Azərbaycan Respublikasının Prezidenti yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət
    Agentliyi"), in the nominative. A head followed by "yanında", "üzrə" or "və …" is inside a longer name."""
    for index, word in enumerate(words):
        folded = fold(word.strip("(),.\"«»“”"))
        strong = next((k for prefix, k in ORGANISATION_WORDS if folded.startswith(prefix)), None)
        weak = next((k for prefix, k in _AZ_WEAK_HEADS if folded.startswith(prefix)), None)
        kind = strong or weak
        if kind is None or not word[:1].isupper():
            continue
        following = [fold(w) for w in words[index + 1:index + 3]]
        if following and (following[0] in (_AZ_BESIDE, "üzrə") or (following[0] == "və" and len(following) > 1
                                                                     and words[index + 2][:1].isupper())):
            continue
        start, linked = index, False
        while start > 0:
            previous = words[start - 1].strip("\"'")
            folded_previous = fold(previous)
            if re.match(r"^\d", previous):
                break
            if folded_previous.startswith("respublika") and not linked:
                break
            if previous[:1].isupper():
                start -= 1
                continue
            if folded_previous in _AZ_NAME_LINKS and start > 1 and words[start - 2][:1].isupper():
                linked = linked or folded_previous == _AZ_BESIDE
                start -= 1
                continue
            break
        phrase = words[start:index + 1]
        if strong is None and not (linked or (len(phrase) > 1 and fold(phrase[-2]) == "dövlət")):
            continue
        words_of_name = [w.strip("\"'") for w in phrase]
        # "Azərbaycan Respublikası Prezidenti yanında" and "… Respublikasının Prezidenti …" are one name
        words_of_name = [("Respublikasının" if fold(w) == "respublikasi" and n + 1 < len(words_of_name) else w)
                         for n, w in enumerate(words_of_name)]
        return az_nominative(" ".join(words_of_name).strip("(),.")), kind
    return None


def find_organisation(texts, language):
    """(name in the nominative, kind) of the organisation a regulation belongs to."""
    for text in texts:
        if language == "az":
            if found := _az_organisation(text.split()):
                return found
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


def regulation_title(title, language):
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
                organisation and any(w.startswith(p) for p, _ in ORGANISATION_WORDS)) or (
                organisation and words[i][:1].isupper() and any(w.startswith(p) for p, _ in _AZ_WEAK_HEADS)):
            start = i + 1
    phrase = " ".join(words[start:index + 1])
    return upper_first(az_nominative(phrase)), unit_kind_of(words[index])


def unit_from_title(title, language, organisation):
    if language == "az":
        return _unit_from_az_title(title, organisation)
    if language == "en":
        name = re.sub(r"^(?:the\s+)?regulations?\s+(?:on|of)\s+(?:the\s+)?", "", title, flags=re.I).strip()
        return (name or None), unit_kind_of(title)
    return None, unit_kind_of(title)


RU_LEAD_IN_NAME = re.compile(r"^(?P<name>[А-ЯЁ][^:]+?)\s+(?:осуществляет|выполняет|имеет)\b")
