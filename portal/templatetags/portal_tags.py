from django import template

from portal.i18n import shown_field
from portal.text import render_text

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """``{% translated post "title" as t %}``: t.text, t.lang, t.is_fallback."""
    return shown_field(obj, field)


@register.filter
def as_paragraphs(text):
    return render_text(text)
