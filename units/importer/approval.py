"""Approval blocks: by whom, when and under what number a regulation was approved. Pure Python."""

import calendar
import re
from datetime import date

from units.importer.text import az_nominative, fold, upper_first

MONTHS = {
    **{fold(m): i for i, m in enumerate(
        ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"], 1)},
    **{fold(m): i for i, m in enumerate(
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"], 1)},
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
}


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


_RU_ORDER_NEWS = re.compile(r"(?P<by>Министерств\w+[^\"«.]*?)\s+выпустил\w*\s+(?P<day>\d{1,2})\s+(?P<month>[а-яё]+)\s+приказ", re.I)


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


def parse_approval(header, language):
    """{"by", "date", "number"} from an approval block; blanks ("____") and what is missing stay None."""
    parser = {"az": _parse_az_approval, "en": _parse_en_approval, "ru": _parse_ru_approval}[language]
    return (parser(header) if header else None) or {"by": None, "date": None, "number": None}
