"""What kind of post a scraped entry is: news, a video or a publication.

Decided from what the text says the item is, never from a word that only sits
inside a name. A title that calls itself a report, white paper, yearbook, digest or
e-book (보고서, 백서, 연감, 전자책, 발간 …) is a publication, as is a body that
says "this book" or "이 책은". Institutes named 서울연구원 or 서울기술연구원 do not
make their news a publication, nor does an index a policy is measured by, nor a
report an article merely cites ("According to the World Inequality Report…").
"""

import re

# "[Video] …" on the English site, "[영상자료] …" (video material) on the Korean one.
VIDEO_PREFIX = re.compile(r"^\s*\[\s*(?:video|영상자료|영상)\s*\]\s*", re.IGNORECASE)
PUBLICATION_TITLE = re.compile(
    r"\b(?:publication\s+of|white\s+papers?|yearbooks?|digests?|e-?books?|"
    r"abstracts|handbooks?|guidebooks?|casebooks?)\b"
    # "report" is also a verb ("Citizens report potholes"): only the noun counts.
    r"|\b(?:annual|research|policy|final|status|survey|statistical|progress|"
    r"special|white)\s+reports?\b|\breports?\s+(?:on|of|for|\d{4})\b|\breport\s*$"
    r"|\b(?:publish(?:es|ed)?|releas(?:es|ed|e)|issu(?:es|ed|e))\s+(?:an?\s+|its\s+|"
    r"the\s+)?(?:[\w-]+\s+){0,3}report\b"
    r"|보고서|백서|연감|전자책|자료집|발간|간행",
    re.IGNORECASE,
)
PUBLICATION_BODY = re.compile(
    r"\((?:e-?book|전자책)\)|\bthis\s+(?:e-?book|book|report|publication|"
    r"white\s+paper|yearbook)\b|이\s*책은|본\s*보고서|이\s*보고서는|백서는",
    re.IGNORECASE,
)


def video_title(title: str) -> str | None:
    """The title without its video prefix, or None when it has none."""
    match = VIDEO_PREFIX.match(title)
    return title[match.end() :].strip() if match else None


def is_publication(title: str, body: str) -> bool:
    return bool(PUBLICATION_TITLE.search(title) or PUBLICATION_BODY.search(body))
