"""Signals for the apps above documents (the lower layer defines the hook, the higher ones listen)."""

from django.dispatch import Signal

# an outgoing draft was signed and registered (kwargs: draft, document, actor), or returned (draft, actor, comment);
# sent inside the deciding transaction, so a listener's writes commit or roll back with the decision
draft_signed = Signal()
draft_returned = Signal()
