import re

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import override

from portal.freshness import notice_of
from portal.images.pictures import picture_of, render_body
from portal.languages import (
    current_language,
    direction,
    language_name,
    script,
    shown_field,
)
from portal.models import Image, PageFeedback, PolicyCase, Post, Program
from portal.operator import responsible_for
from portal.pages import breadcrumbs, metadata
from portal.pages.feedback import THANKS
from portal.text.plain import render_text
from portal.values import phones

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """``{% translated post "title" as t %}``: t.text, t.lang, t.is_fallback."""
    return shown_field(obj, field)


@register.inclusion_tag("portal/includes/outdated_notice.html")
def outdated_notice(obj):
    """One line on an item's page when the translation it shows is older than
    the original: when the original changed, and a link to it. Not on cards.
    Pages call it only when their query found the translation out of date
    (``{% if post.outdated_since %}``): most never do."""
    lang = current_language()
    notice = notice_of(obj)
    if notice is None:
        return {"notice": None}
    with override(notice.source_language):
        original_url = obj.get_absolute_url()
    return {
        "notice": notice,
        "page_lang": lang,
        "original_url": original_url,
        "source_name": language_name(notice.source_language),
    }


@register.filter(name="direction")
def direction_of(code: str) -> str:
    """``dir="{{ title.lang|direction }}"``: "rtl" or "ltr", for the page and for
    each block shown in another language (English inside an Arabic page)."""
    return direction(code)


@register.filter(name="script")
def script_of(code: str) -> str:
    """``data-script="{{ LANGUAGE_CODE|script }}"``: the stylesheet picks fonts and
    line breaking by script (settings.LANGUAGE_SCRIPTS)."""
    return script(code)


@register.simple_tag
def isolated(value):
    """``{% isolated results.query as query %}``: ``value`` in a ``<bdi>``, for a
    sentence that interpolates it (``blocktranslate with query=query``).

    A search query, a title or a name may run in the other direction from the
    sentence around it: isolated, its punctuation and digits stay with it
    ("3 results for “Seoul”" does not turn into "”Seoul“" inside Arabic).
    """
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def fallback_language(objects, field):
    """The other language any of ``objects`` shows ``field`` in, else "".

    A list of FAQ questions says "not yet translated" once, above the list, and
    marks each question with the compact badge.
    """
    for obj in objects:
        shown = shown_field(obj, field)
        if shown.is_fallback:
            return shown.lang
    return ""


@register.simple_tag
def time_element(moment):
    """``<time>`` with the exact moment for machines and the local date for people.

    One local-time conversion, where two ``date`` filters made one each. Whole
    seconds: HTML allows at most three digits of a fraction, and Python writes six.
    """
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        formats.date_format(local, "DATE_FORMAT"),
    )


@register.filter
def phone_link(number):
    """A telephone number as a link, in the form the page's reader dials
    (portal.values.phones); the link itself always dials from anywhere."""
    if not number:
        return ""
    dial = re.sub(r"[\s()]", "", phones.international(number))
    # Left to right even in Arabic: the groups of a number keep their order.
    return format_html(
        '<a href="tel:{}" dir="ltr">{}</a>', dial, phones.for_reader(number)
    )


@register.filter
def as_paragraphs(text):
    return render_text(text)


@register.filter
def rich_body(markup):
    """A rich body as HTML to show (portal.images.pictures.render_body)."""
    return render_body(markup, Image.objects.referenced)


@register.inclusion_tag("portal/includes/picture.html")
def picture(image, shape="wide", sizes="100vw", priority=False):
    """``{% picture post.lead_image "wide" "(min-width: 40rem) 50vw" %}``.

    ``priority``: the page's largest image above the fold, fetched first and not
    lazily; every other image loads when it comes near the viewport.
    """
    return {"picture": picture_of(image, shape), "sizes": sizes, "priority": priority}


@register.filter
def minutes(delta) -> int:
    """A timedelta in whole minutes, rounded up: "try again in 15 minutes"."""
    return -(-int(delta.total_seconds()) // 60)


@register.inclusion_tag("portal/includes/social_meta.html", takes_context=True)
def page_metadata(context):
    """Open Graph, Twitter card and JSON-LD for the page being rendered."""
    obj = context.get("object")
    if not isinstance(obj, Post | Program | PolicyCase):
        obj = None
    url = context.get("canonical_url", "")
    groups = context.get("groups")
    partners = [p for _label, members in groups for p in members] if groups else None
    data = metadata.structured_data(obj, url, partners)
    return {
        "meta": metadata.social_meta(obj, context.get("heading", ""), url),
        "json_ld": metadata.as_json_ld(data) if data else "",
    }


@register.simple_tag(takes_context=True)
def page_trail(context) -> list:
    """The page's breadcrumbs (portal.pages.breadcrumbs); empty on the home page
    and on pages that resolved to nothing (404)."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None:
        return []
    return breadcrumbs.trail(
        match.url_name, context.get("object"), context.get("heading", "")
    )


@register.inclusion_tag("portal/includes/back_to_list.html")
def back_to_list(request, obj):
    """The "목록" link to the list a detail page belongs to."""
    return {"list": breadcrumbs.list_of(request.resolver_match.url_name, obj)}


@register.simple_tag
def responsible(obj=None):
    """``{% responsible object as who %}``: who.department, who.phone, who.lang."""
    return responsible_for(obj)


@register.inclusion_tag("portal/includes/feedback_form.html")
def feedback_form(page: str, form=None):
    """The page satisfaction question for ``page`` (a path with its query), blank,
    or refilled from a refused ``form`` so that nothing typed is lost."""
    data = form.data if form is not None else {}
    return {
        "page": page,
        "choices": PageFeedback.Rating.choices,
        "rating": str(data.get("rating", "")),
        "comment": data.get("comment", ""),
        "errors": form.errors if form is not None else {},
    }


@register.filter
def is_thanked(request) -> bool:
    """The page was reached right after its satisfaction question was answered."""
    return request.GET.get(THANKS[0]) == THANKS[1]
