from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime

register = template.Library()


@register.filter
def iso_datetime(value):
    """Format an ISO 8601 string (as the API returns it) in the reader's locale and time zone."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return value
    return formats.date_format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, "DATETIME_FORMAT")


@register.filter
def iso_date(value):
    day = parse_date(value) if isinstance(value, str) else value
    return formats.date_format(day, "DATE_FORMAT") if isinstance(day, date) else value


@register.filter
def full_stop(value):
    """End a sentence that ends with something a person typed: "…: Where do you live?" takes no extra full stop."""
    text = str(value).rstrip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


@register.filter
def history_reason(value):
    """A stored history reason in the reader's language (core.history)."""
    from core.history import history_reason_text

    return history_reason_text(value)


@register.inclusion_tag("core/_section_nav.html", takes_context=True)
def section_nav(context, section):
    """A section's tabs (core.navigation.SECTIONS), the current one marked for the eye and for screen readers."""
    from core.navigation import section_navigation

    return section_navigation(section, context["request"].path)


@register.filter
def error_summary(form):
    """What the top of a sent-back form says: the form's own errors, and the fields to correct in the form's order.
    The fields are listed only where a mistake may be out of sight: a form of one field shows its error beside it."""
    messages = [*form.non_field_errors(), *(error for field in form.hidden_fields() for error in field.errors)]
    visible = form.visible_fields()
    fields = [field for field in visible if field.errors] if len(visible) > 1 else []
    return {"messages": messages, "fields": fields} if messages or fields else None
