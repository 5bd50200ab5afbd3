"""Reads for the registry. Every list and page starts from Document.objects.visible_to(user)."""

from django.http import Http404

from documents.models import Document
from documents.services.attachments import attachment_access_register, attachments_of


def document_list(*, user):
    return (Document.objects.visible_to(user)
            .select_related("unit", "journal", "case_file", "registered_by")
            .order_by("-registered_at", "-id"))


def access_document(*, user, pk):
    """The document if the user may see it; 404 for both "missing" and "not yours"."""
    document = document_list(user=user).filter(pk=pk).select_related("in_reply_to", "supersedes").first()
    if document is None:
        raise Http404
    return document


def document_detail(*, user, pk):
    document = access_document(user=user, pk=pk)
    return {
        "document": document,
        "attachments": list(attachments_of(document)),
        "replies": list(Document.objects.visible_to(user).filter(in_reply_to=document).only("id", "number", "subject")),
        "history": list(document.history.select_related("history_user").order_by("-history_date")[:50]),
    }


attachment_access_register(Document, lambda user, item: Document.objects.visible_to(user).filter(pk=item.pk).exists())
