from django import template
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from appeals.models import REDACTED

register = template.Library()


@register.filter
def redacted(text):
    """A published text with each removal shown as a marked gap in the reader's language."""
    mark = format_html('<mark class="redacted" title="{}">{}</mark>', _("Personal data removed before publication"),
                       _("personal data removed"))
    return mark_safe(linebreaks(conditional_escape(text)).replace(REDACTED, mark))  # noqa: S308 - escaped above
