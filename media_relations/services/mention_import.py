"""Mentions from a monitoring service's CSV or XLSX: read and checked row by row for a preview (bad rows with their
line and reason, good rows kept), then the good rows imported in one transaction. A file that cannot be read as a
whole (an encoding other than UTF-8, a missing column, not a spreadsheet) is refused with the reason, and nothing is
imported."""

import csv
import io
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exceptions import ApplicationError
from media_relations.models import MediaMention, MediaOutlet
from media_relations.services.mentions import mention_check
from units.models import Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
REQUIRED = ("date", "outlet", "title")
COLUMNS = ("date", "outlet", "title", "link", "summary", "tone", "topic", "false", "units")
TEMPLATE_ROWS = [
    COLUMNS,
    ("2026-11-20", "APA", "Nazirlik yeni xidmət təqdim etdi", "https://apa.az/…", "Qısa xülasə", "positive", "e-services", "no", ""),
]
# what a column may be headed in the three languages of the portal
ALIASES = {
    "date": {"date", "tarix", "дата"}, "outlet": {"outlet", "kiv", "media", "сми", "издание"},
    "title": {"title", "başlıq", "basliq", "заголовок"}, "link": {"link", "url", "keçid", "ссылка"},
    "summary": {"summary", "xülasə", "xulase", "краткое содержание", "резюме"}, "tone": {"tone", "ton", "тональность"},
    "topic": {"topic", "mövzu", "movzu", "тема"}, "false": {"false", "yalan", "ложная", "false or distorting"},
    "units": {"units", "bölmələr", "bolmeler", "подразделения"},
}
TONES = {"positive": "positive", "müsbət": "positive", "позитивная": "positive", "+": "positive",
         "neutral": "neutral", "neytral": "neutral", "нейтральная": "neutral", "0": "neutral", "": "neutral",
         "negative": "negative", "mənfi": "negative", "негативная": "negative", "-": "negative"}
YES = {"yes", "1", "true", "bəli", "he", "да", "x"}
NO = {"no", "0", "false", "xeyr", "yox", "нет", ""}


def _refuse(message):
    raise ApplicationError(message, code="bad_file", fields={"file": [message]})


def _table(upload):
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _refuse(_("The file is larger than 2 MB; split it into several files."))
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a damaged file)
            _refuse(_("The file is not a readable XLSX workbook."))
        return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(_("The file is not in UTF-8. Save it as “CSV UTF-8” and try again."))
    if "\x00" in text:
        _refuse(_("The file is not a CSV or XLSX table."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _folded(text):
    """Lower case the same for "KİV" and "kiv" (Python lowers "İ" to "i" and a combining dot)."""
    return " ".join(str(text).lower().replace("\u0307", "").split())


def _header(row):
    columns = {}
    for index, cell in enumerate(row):
        name = _folded(cell)
        for key, names in ALIASES.items():
            if name in names and key not in columns:
                columns[key] = index
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        _refuse(_("Columns missing: %(columns)s. The first row names the columns: %(expected)s.") % {
            "columns": ", ".join(missing), "expected": ", ".join(COLUMNS)})
    return columns


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for layout in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def mentions_import_preview(*, organisation, upload):
    """[{"line", "values" (for the preview), "errors"}] for every data row; refuses the file as a whole with a
    reason when it cannot be read."""
    table = _table(upload)
    filled = [index for index, row in enumerate(table) if any(str(cell).strip() for cell in row)]
    if not filled:
        _refuse(_("The file is empty."))
    columns = _header(table[filled[0]])
    if len(filled) - 1 > MAX_ROWS:
        _refuse(ngettext("At most %(count)d row at a time.", "At most %(count)d rows at a time.", MAX_ROWS) % {"count": MAX_ROWS})
    outlets = {_folded(outlet.name): outlet for outlet in MediaOutlet.objects.all()}
    units = {}
    for unit in Unit.objects.filter(path__startswith=organisation.path, is_active=True):
        units[_folded(unit.slug)] = unit
        units[_folded(unit.name)] = unit
    result = []
    for line, raw in enumerate(table[filled[0] + 1:], start=filled[0] + 2):
        if not any(str(cell).strip() for cell in raw):
            continue

        def cell(key, raw=raw):
            index = columns.get(key)
            return str(raw[index]).strip() if index is not None and index < len(raw) and raw[index] is not None else ""

        errors = []
        day = _date(raw[columns["date"]] if columns["date"] < len(raw) else "")
        if day is None:
            errors.append(_("the date “%(value)s” is not a date (use 2026-11-20 or 20.11.2026)") % {"value": cell("date")})
        outlet_name = cell("outlet")
        outlet = outlets.get(_folded(outlet_name))
        if outlet is None:
            errors.append(_("the outlet “%(value)s” is not in the register; add it first") % {"value": outlet_name}
                          if outlet_name else _("the outlet is empty"))
        tone = TONES.get(_folded(cell("tone")))
        if tone is None:
            errors.append(_("the tone “%(value)s” is not positive, neutral or negative") % {"value": cell("tone")})
        false_text = _folded(cell("false"))
        if false_text not in YES | NO:
            errors.append(_("“false” is yes or no, not “%(value)s”") % {"value": cell("false")})
        row_units = []
        for name in filter(None, (_folded(part) for part in cell("units").split(";"))):
            if name in units:
                row_units.append(units[name])
            else:
                errors.append(_("the unit “%(value)s” is not in this organisation") % {"value": name})
        link = cell("link")
        if link and not link.lower().startswith(("http://", "https://")):
            errors.append(_("the link must start with http:// or https://"))
        values = {"published_on": day, "outlet": outlet, "title": cell("title")[:500], "url": link[:1000],
                  "summary": cell("summary"), "tone": tone or MediaMention.Tone.NEUTRAL, "topic": cell("topic")[:200],
                  "is_false": false_text in YES}
        if not errors:
            errors = [message[0].lower() + message[1:] for message in mention_check(values).values()]
        result.append({"line": line, "values": values, "units": row_units, "errors": errors})
    return result


def preview_payload(rows):
    """The good rows in a form that survives a round trip through the page (signed, so it cannot be altered)."""
    from django.core import signing

    return signing.dumps([{**{k: v for k, v in row["values"].items() if k not in ("outlet", "published_on")},
                           "outlet": row["values"]["outlet"].pk, "published_on": row["values"]["published_on"].isoformat(),
                           "units": [unit.pk for unit in row["units"]], "line": row["line"]}
                          for row in rows if not row["errors"]], compress=True)


def preview_rows(payload, *, max_age=3600):
    """The rows a signed preview holds, as (values, units); a tampered or stale payload is refused."""
    from django.core import signing

    try:
        data = signing.loads(payload, max_age=max_age)
    except signing.BadSignature:
        _refuse(_("The preview has expired; upload the file again."))
    outlets = MediaOutlet.objects.in_bulk({row["outlet"] for row in data})
    units = Unit.objects.in_bulk({pk for row in data for pk in row["units"]})
    rows = []
    for row in data:
        values = {k: v for k, v in row.items() if k not in ("units", "line")}
        values["outlet"] = outlets.get(row["outlet"])
        values["published_on"] = date.fromisoformat(row["published_on"])
        rows.append((values, [units[pk] for pk in row["units"] if pk in units]))
    return rows
