"""What a page says about itself to search engines and social networks.

Open Graph / Twitter card values for every page and schema.org JSON-LD for detail
pages, both worked out from the object the page shows.
"""

import json
from urllib.parse import urljoin, urlsplit

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.images.pictures import picture_of
from portal.languages import (
    current_language,
    language_codes,
    open_graph_locale,
    shown_field,
)
from portal.models import PolicyCase, Post, Program
from portal.params import query_parameters


def site_name() -> str:
    return _("Seoul Policy Sharing Portal")


def site_description() -> str:
    return _(
        "Seoul's urban policies, news, videos, publications, training programs and "
        "partners, shared with cities around the world."
    )


def narrowing_parameters(request) -> set[str]:
    """The parameters of this request that narrow what its page lists (filters,
    a search), page numbers aside.

    Only those the view reads count (portal.params.reads_query): a tracking
    tag changes nothing on the page. A page narrowed by any of them is one of
    thousands of combinations, not a page of its own: it is not indexed
    (``noindex, follow``, so crawlers still reach the posts) and names the plain
    list, whose first page always exists, as its canonical address.
    """
    match = request.resolver_match
    read = query_parameters(match.func) if match else frozenset()
    return {name for name in request.GET if name in read and name != "page"}


def _plain(text: str, limit: int = 200) -> str:
    return Truncator(" ".join(text.replace("- ", " ").split())).chars(limit)


def social_meta(obj=None, heading: str = "", url: str = "") -> dict:
    lang = current_language()
    title, description, kind = heading or site_name(), site_description(), "website"
    image = None
    if isinstance(obj, Post):
        image = obj.card_image
        title = shown_field(obj, "title").text
        text = shown_field(obj, "summary").text or shown_field(obj, "body_text").text
        description = _plain(text) or description
        kind = "video.other" if obj.is_video else "article"
    elif isinstance(obj, Program):
        image = obj.lead_image
        title = shown_field(obj, "name").text
        description = _plain(shown_field(obj, "summary").text) or description
    elif isinstance(obj, PolicyCase):
        image = obj.lead_image
        title = shown_field(obj, "title").text
        text = shown_field(obj, "summary").text or shown_field(obj, "problem_text").text
        description = _plain(text) or description
        kind = "article"
    return {
        "title": title,
        "description": description,
        "type": kind,
        "url": url,
        "site_name": site_name(),
        "locale": open_graph_locale(lang),
        "alternate_locales": [
            open_graph_locale(code) for code in language_codes() if code != lang
        ],
        "image": _shared_image(image, url),
    }


def _shared_image(image, url: str) -> dict | None:
    """The largest JPEG or PNG rendition, for link previews (they rarely take WebP)."""
    if image is None or not url:
        return None
    picture = picture_of(image, "wide")
    parts = urlsplit(url)
    return {
        "url": urljoin(f"{parts.scheme}://{parts.netloc}/", picture.largest_src),
        "width": picture.width,
        "height": picture.height,
        "alt": picture.alt,
    }


def _organization() -> dict:
    return {"@type": "Organization", "name": site_name()}


def _post_data(post: Post, url: str) -> dict:
    title = shown_field(post, "title")
    text = shown_field(post, "summary").text or shown_field(post, "body_text").text
    common = {
        "inLanguage": title.lang,
        "url": url,
        "description": _plain(text, 300),
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
    }
    if post.is_video:
        data = {"@type": "VideoObject", "name": title.text, **common}
        data["uploadDate"] = data.pop("datePublished")
        if post.video_link:
            data["embedUrl"] = post.video_link
        return data
    data = {
        "@type": "Report" if post.is_publication else "NewsArticle",
        "headline": Truncator(title.text).chars(110),
        "mainEntityOfPage": url,
        "publisher": _organization(),
        **common,
    }
    if post.author:
        data["author"] = {"@type": "Organization", "name": post.author}
    if post.policy_field:
        data["articleSection"] = post.policy_field.name
    return data


def _program_data(program: Program, url: str) -> dict:
    return {
        "@type": "FAQPage",
        "name": shown_field(program, "name").text,
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": shown_field(entry, "question").text,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": shown_field(entry, "answer").text,
                },
            }
            for entry in program.faq_entries.all()
        ],
    }


def _department_data(department) -> dict:
    data = {
        "@type": "GovernmentOrganization",
        "name": shown_field(department, "name").text,
    }
    address = shown_field(department, "address").text
    if address:
        data["address"] = " ".join(address.split())
    if department.phone:
        data["telephone"] = department.phone
    if department.email:
        data["email"] = department.email
    return data


def _case_data(case: PolicyCase, url: str) -> dict:
    """A case as a schema.org Report: "a Report generated by governmental or
    non-governmental organization", which a case is, with the department as
    its author and the implementation period as its temporal coverage."""
    title = shown_field(case, "title")
    text = shown_field(case, "summary").text or shown_field(case, "problem_text").text
    data = {
        "@type": "Report",
        "headline": Truncator(title.text).chars(110),
        "name": title.text,
        "inLanguage": title.lang,
        "url": url,
        "mainEntityOfPage": url,
        "description": _plain(text, 300),
        "datePublished": case.published_at.isoformat(),
        "dateModified": case.updated_at.isoformat(),
        "publisher": _organization(),
    }
    if case.department:
        data["author"] = _department_data(case.department)
    if case.policy_field:
        data["about"] = case.policy_field.name
    if case.start_year:
        end = case.end_year if case.end_year else ".."
        data["temporalCoverage"] = f"{case.start_year}/{end}"
    return data


def _partners_data(partners) -> dict:
    organizations = []
    for partner in partners:
        organization = {
            "@type": "Organization",
            "name": shown_field(partner, "name").text or partner.short_name,
        }
        if partner.short_name:
            organization["alternateName"] = partner.short_name
        if partner.website_link:
            organization["url"] = partner.website_link
        description = shown_field(partner, "description").text
        if description:
            organization["description"] = _plain(description, 300)
        organizations.append(organization)
    return {"@graph": organizations}


def structured_data(obj=None, url: str = "", partners=None) -> dict | None:
    if isinstance(obj, Post):
        data = _post_data(obj, url)
    elif isinstance(obj, Program):
        data = _program_data(obj, url)
    elif isinstance(obj, PolicyCase):
        data = _case_data(obj, url)
    elif partners:
        data = _partners_data(partners)
    else:
        return None
    return {"@context": "https://schema.org", **data}


def as_json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    # Safe: the characters that could close the script element are escaped above.
    return mark_safe(text)
