from django import template

from documents.models import TermUnit

register = template.Library()


@register.filter
def term_unit(value):
    try:
        return TermUnit(value).label
    except ValueError:
        return value
