"""What the words of a regulation mean: kinds of clauses, kinds of units, heads and their powers.
Pure Python."""

import re

from units.importer.text import fold

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


POWER_WORDS = ("səlahiyyət", "powers", "полномоч")


MODEL_MARKERS = ("nümunəvi", "типово", "model regulation")


_K = [(kind, [fold(p) for p in phrases]) for kind, phrases in KIND_PHRASES]


_P = [(kind, tuple(fold(p) for p in prefixes)) for kind, prefixes in KIND_PREFIXES]


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
