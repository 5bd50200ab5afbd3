from django import template

from documents.models import TermUnit
from documents.models.control import term_label

register = template.Library()


@register.filter
def term_unit(value):
    try:
        return TermUnit(value).label
    except ValueError:
        return value


@register.filter
def term(value):
    """`{"value": 3, "unit": "working_days"}` (a term, an extension) → "3 working days", plural-correct."""
    try:
        return term_label(value["value"], value["unit"])
    except (KeyError, TypeError, ValueError):
        return ""


@register.filter
def remaining(value, unit):
    """What was left of a term when its clock stopped: days in the term's unit, or a length of hours."""
    return term_label(value, unit) if isinstance(value, int) else value
