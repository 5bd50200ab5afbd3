"""XLSX exports. Every export goes through `xlsx_response`, which writes every text cell as text: a title
such as "=HYPERLINK(…)" or "+1-2" stays the words someone typed and never becomes a live formula."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_NATIVE = (bool, int, float, Decimal, date, datetime, time, timedelta)


def _append(sheet, values):
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if value is None or isinstance(value, _NATIVE):
            cell.value = value
        else:
            # assigning a string lets openpyxl read "=…" as a formula: set the text and its type directly
            cell._value = str(value)
            cell.data_type = TYPE_STRING


def xlsx_workbook(sheets):
    """`sheets`: [(title, header row, rows)]. Sheet titles are cut to Excel's 31 characters."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        _append(sheet, [str(h) for h in header])
        for row in rows:
            _append(sheet, list(row))
    return workbook


def xlsx_response(filename, sheets):
    buffer = BytesIO()
    xlsx_workbook(sheets).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
