"""Text helpers for the regulation importer: cleaning, Azerbaijani-aware folding, nominative case."""

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000\t]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff\u00ad]")
_MARKDOWN = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_BULLET = re.compile(r"^\s*(?:[-•*–]\s+)+")


def clean_line(line):
    """Remove markdown debris, bullets and odd spaces; fold runs of whitespace."""
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", _SPACES.sub(" ", line))
    line = _MARKDOWN.sub("", line)
    line = _BULLET.sub("", line)
    line = line.strip().strip("*").strip()
    line = _BULLET.sub("", line)
    return re.sub(r"\s+", " ", line).strip()


def fold(text):
    """Case- and dot-insensitive form for matching: Azerbaijani İ/I/ı and Latin i all become "i"."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("İ", "i").replace("I", "i").replace("ı", "i")
    text = text.lower().replace("\u0307", "").replace("ё", "е")
    return text


def search_form(text):
    """What the clause search and the routing index compare: folded words separated by single spaces."""
    return " ".join(re.findall(r"\w+", fold(text)))


_AZ_GENITIVE = re.compile(r"(?<=[ıiuü])n[ıiuü]n$")


def az_nominative(phrase):
    """'İctimaiyyətlə əlaqələr şöbəsinin' -> 'İctimaiyyətlə əlaqələr şöbəsi'. In an Azerbaijani izafet
    chain only the last word carries the genitive ending."""
    phrase = phrase.strip()
    head, _, last = phrase.rpartition(" ")
    last = _AZ_GENITIVE.sub("", last)
    # 'Aparatının' -> 'Aparatı'; 'nazirinin' -> 'naziri'; 'sədrinin' -> 'sədri'.
    return f"{head} {last}".strip()


# double quotes only: an apostrophe is part of a word more often than it quotes a name
_QUOTED = re.compile(r"[\"“„”«]\s*(?P<words>[^\"“„”«»]{1,120}?)\s*[\"”“»]")
OPENING_QUOTES = "\"«“„"


def normalise_quotes(text):
    """'“Qaynar xətt” sektoru', '"Qaynar xətt" sektoru' -> '«Qaynar xətt» sektoru': one style for quoted names, so
    the same unit written with other quotes is the same unit."""
    return _QUOTED.sub(lambda m: f"«{m['words']}»", text)


def upper_first(text):
    return text[:1].upper() + text[1:] if text else text


def sentence_case(text):
    """'RAYON (ŞƏHƏR) MƏŞĞULLUQ MƏRKƏZİ' -> 'Rayon (şəhər) məşğulluq mərkəzi'; other text is left alone."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    azeri = any(c in "ƏĞŞÇÖÜİ" for c in text)
    lowered = text.replace("I", "ı").replace("İ", "i").lower() if azeri else text.lower()
    first = lowered[:1]
    return (first.replace("i", "İ") if azeri and first == "i" else first.upper()) + lowered[1:]
