"""Reads for work plans."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, Prefetch

from core.selectors import mark_openable
from documents.models import ControlCard, WorkPlanItem
from documents.selectors.control import card_closing, reported_to_close
from units.models import Clause

__all__ = ["plan_items"]


def plan_items(*, user, plan):
    """The plan's measures with their duties and responsible, and, once the plan is approved, each one's control card
    (`card`: linked for a reader who may open it, `awaits_closing` when reported on) and how it was closed (`closing`)."""
    items = list(plan.items.prefetch_related(Prefetch("clauses", queryset=Clause.objects.select_related("regulation")))
                 .select_related("responsible"))
    cards = {}
    if items and plan.state == plan.State.APPROVED:
        cards = {card.object_id: card for card in ControlCard.objects.filter(
            content_type=ContentType.objects.get_for_model(WorkPlanItem), object_id__in=[item.pk for item in items])
            .select_related("policy").annotate(awaits_closing=ExpressionWrapper(reported_to_close(), output_field=BooleanField()))}
        mark_openable(list(cards.values()), ControlCard.objects.visible_to(user))
    for item in items:
        item.card = cards.get(item.pk)
        item.closing = card_closing(item.card) if item.card else None
    return items
