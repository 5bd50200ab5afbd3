"""The line forms of a regulation text (clause numbers, section headings, list items) and the tokenizer
that turns a text into clause, heading, item and paragraph tokens. Pure Python."""

import re
from dataclasses import dataclass

from units.importer.text import OPENING_QUOTES, clean_line

# at most six levels deep ("3.1.2.4.1.2"): real regulations stop at four, and a bound keeps the walk linear
CLAUSE_RE = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){1,5}(?:-\d{1,3})?)(?P<dots>\.{0,3}|\))(?=\s|$)\s*(?P<rest>.*)$")


TOP_NUMBER_RE = re.compile(r"^(?P<num>\d{1,2})\.(?=\s|\S)\s*(?P<rest>\D.*)$")


ROMAN_RE = re.compile(r"^(?P<num>[IVXLC]{1,7})\s*\.\s*(?P<rest>\S.*)$")


ITEM_RE = re.compile(r"^(?P<num>\d{1,3})\)\s*(?P<rest>.*)$")


@dataclass
class Token:
    type: str  # clause | heading | item | para | blank
    line: int
    number: str = ""
    text: str = ""
    joined_after_blank: bool = False


def looks_like_heading_text(text):
    # a heading may open with a quoted name: "«Qaynar xətt» sektorunun vəzifələri"
    return len(text) <= 160 and not re.search(r"[.;,]$", text) and text.lstrip(OPENING_QUOTES)[:1].isupper()


def tokenize(text):
    """The text's tokens, blank lines dropped. One pass, constant work per line."""
    tokens, previous_blank = [], True
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = clean_line(raw) if raw and not raw.isspace() else ""
        if not line:
            previous_blank = True
            continue
        last = tokens[-1] if tokens else None
        if match := CLAUSE_RE.match(line):
            tokens.append(Token("clause", lineno, match["num"], match["rest"].strip()))
        elif (match := ROMAN_RE.match(line)) and looks_like_heading_text(match["rest"]):
            tokens.append(Token("heading", lineno, match["num"], match["rest"].strip()))
        elif (match := TOP_NUMBER_RE.match(line)) and looks_like_heading_text(match["rest"].strip()):
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
    return tokens


def sort_key_for(number, list_index=None):
    if list_index is not None:
        return f"~{list_index:04d}){int(number.rstrip(')')):05d}"
    parts = []
    for part in number.split("."):
        main, _, suffix = part.partition("-")
        parts.append(f"{int(main):05d}" + (f"-{int(suffix):05d}" if suffix else ""))
    return ".".join(parts)
