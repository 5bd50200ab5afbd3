"""Letters as PDF: one renderer for every app (outgoing letters now; appeal answers, press releases and visa
letters later). WeasyPrint, A4, the organisation's letterhead, both sides' registration numbers, in the
language active when it renders (az, ru or en)."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Letter:
    organisation: str
    unit: str
    addressee: str
    subject: str
    body: str
    number: str = ""  # empty: a draft, marked as such
    date: datetime.date | None = None
    their_number: str = ""
    their_date: datetime.date | None = None
    signer_name: str = ""
    signer_title: str = ""


def letter_html(letter, *, language=None):
    with translation.override(language or translation.get_language()):
        return render_to_string("documents/letter.html", {"letter": letter, "paragraphs": [
            p.strip() for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()]})


def letter_pdf(letter, *, language=None):
    """The letter as PDF bytes."""
    return html_pdf(letter_html(letter, language=language))


def html_pdf(html):
    """Any page of ours as PDF bytes (a letter, a badge): the one place WeasyPrint is called."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def pdf_response(content, *, filename, inline=True):
    from django.http import HttpResponse

    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename.replace("/", "-")}.pdf"'
    return response


def letter_pdf_response(letter, *, filename, inline=True):
    """The letter as a PDF HTTP response (pages and API alike); `filename` without the extension, a slash-free
    registration number or a descriptive name."""
    return pdf_response(letter_pdf(letter), filename=filename, inline=inline)
