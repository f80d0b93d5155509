"""What kind of post a scraped entry is: news, a video or a publication.

Decided from what the text says the item is, never from a word that only sits
inside a name. A title that calls itself a report, white paper, yearbook, digest or
e-book (보고서, 백서, 연감, 전자책, 발간 …) is a publication, as is a body that
says "this book" or "이 책은". Institutes named 서울연구원 or 서울기술연구원 do not
make their news a publication, nor does an index a policy is measured by, nor a
report an article merely cites ("According to the World Inequality Report…").
"""

import re

# The marks the old site put before a title, in brackets of any shape ("[Video]",
# "(Video)", "【영상】", "<동영상>") or as a label ("Video: …"): "[Video] …" on the
# English site, "[영상자료] …" (video material) on the Korean one, and the same
# for publications and press releases over the years.
MARKS = {
    "video": r"video(?:\s*clip)?|movie|youtube|영상자료|동영상|홍보\s*영상|영상",
    "publication": r"publications?|e-?books?|reports?|books?|발간물|간행물|전자책"
    r"|보고서|자료집",
    "news": r"press\s*release|news|보도\s*자료|보도|소식",
}
OPEN, CLOSE = r"[\[(【<〈「『]", r"[\])】>〉」』]"
MARK = re.compile(
    "|".join(
        rf"^\s*(?:{OPEN}\s*(?P<{kind}>{words})\s*{CLOSE}|(?P<{kind}_label>{words})\s*:)\s*"
        for kind, words in MARKS.items()
    ),
    re.IGNORECASE,
)
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


def marked_kind(title: str) -> tuple[str, str]:
    """The kind a title's mark declares ("news" when it has none) and the title
    without the mark. A title that is only a mark keeps it."""
    match = MARK.match(title)
    rest = title[match.end() :].strip() if match else ""
    if not rest:
        return "news", title
    kind = next(name for name, value in match.groupdict().items() if value)
    return kind.removesuffix("_label"), rest


def is_publication(title: str, body: str) -> bool:
    return bool(PUBLICATION_TITLE.search(title) or PUBLICATION_BODY.search(body))
