"""What scraping left in the seed text that is not content, cleaned once at import.

The parser calls these on every record. Migration 0023 cleaned rows imported
before they existed with a frozen copy of them; a change here applies to later
imports only.
"""

import re

# The old site cut long titles at a fixed length, often inside a word.
ELLIPSIS = "…"
LAST_WORD = re.compile(r"\s+\S*$")
# What may hang at the end of a title once its last word is gone.
TRAILING_PUNCTUATION = re.compile(r"[\s,;:·–—-]+$")
# Video titles are file names: "Smart City, Seoul_smart city policies".
UNDERSCORES = re.compile(r"\s*_+\s*")
TITLE_SEPARATOR = " – "
# A login of the old CMS ("seoulsolution"), which signed every post it published:
# lower-case Latin letters, digits and login punctuation, no space. A byline is a
# person's or a department's name: it has a capital, a space or Hangul.
ACCOUNT_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")


def tidy_title(title: str, *, cut: bool) -> str:
    """The title without file-name underscores; a ``cut`` one (the source ended it
    with "..") loses the word it was cut in and ends with an ellipsis.

    Whether the last word was whole cannot be told, so it always goes: one word
    less is better than half of one, and the post stays flagged for review.
    """
    title = UNDERSCORES.sub(TITLE_SEPARATOR, title).strip()
    if not cut:
        return title
    shorter = TRAILING_PUNCTUATION.sub("", LAST_WORD.sub("", title))
    return (shorter or title) + ELLIPSIS


def byline(author: str) -> str:
    """The author line as visitors may read it: "" for a CMS account's login."""
    return "" if ACCOUNT_NAME.match(author) else author


# What a captured page shows around its content: navigation, sharing, paging,
# the footer. Matched as whole lines only, so a sentence of a body never is.
PAGE_CHROME = re.compile(
    r"^(?:"
    # list and print buttons, sharing
    r"목록(?:으로)?|목록\s*보기|list|back\s+to\s+(?:the\s+)?list|print|인쇄|"
    r"share|공유(?:하기)?|facebook|twitter|kakao(?:talk)?|카카오(?:톡|스토리)?|"
    r"블로그|blog|top|맨\s*위로|위로|"
    r"(?:(?:facebook|twitter|kakao(?:talk)?|카카오톡|블로그|blog|print|인쇄|share)"
    r"\s*){2,}|"
    # the next and previous posts, attachments and tags
    r"(?:(?:이전|다음)\s*글|(?:previous|next)\s+(?:post|article)|"
    r"(?:previous|prev|next)\s*[:：|])\s*[:：|]?\s*.*|"
    r"(?:첨부\s*파일|attachments?|download|다운로드|tags?|태그)"
    r"(?:\s*[:：].*|\s*\(\d+\))?|"
    # a breadcrumb: "Home > News > …", "홈 > 알림마당"
    r"(?:home|홈)\s*[>›»].*|"
    # paging: "1 2 3 … 10 Next ›", "‹ 이전 1 2 3 다음 ›", "« first ‹ previous";
    # page numbers whole, so a number of the body ("20240101") is not two of
    # them, nor a long one split every possible way before the line fails.
    r"(?:[«‹<]\s*)?(?:(?:first|previous|prev|처음|이전|next|last|다음|마지막|\d{1,4}(?!\d)|"
    r"[«‹›»<>…]|\.\.\.)\s*){2,}|"
    # the footer
    r"(?:copyright\s*(?:©|ⓒ|\(c\))|ⓒ|©).*|.*all\s+rights\s+reserved\.?"
    r")$",
    re.IGNORECASE,
)
# What the partner strip put beside a name: image captions ("로고이미지", "로고
# 이미지", "의 로고", "logo", "Logo image"), link texts ("바로가기", "홈페이지",
# "새창", "(new window)") and image file names ("kotra_logo.png").
# Spaces and dashes taken whole (possessive): several optional runs in a row
# could share them out every possible way, and "logo  logo  logo  …  x" then
# took hours to fail.
PARTNER_CAPTION = re.compile(
    r"(?:[\s\-–_|:]*+[(\[]?\s*+(?:새\s*창(?:\s*(?:열림|으로\s*열림))?|new\s+window|"
    r"opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)|바로\s*가기|홈페이지|"
    r"로고\s*이미지|의\s*로고|로고|logo(?:\s*image)?)\s*+[)\]]?)+\s*$",
    re.IGNORECASE,
)
# From the start of a run of separators only: from each of its characters in
# turn, a long run took time quadratic in its length.
IMAGE_FILE = re.compile(
    r"(?<![_\s.-])[_\s.-]*(?:logo)?\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE
)
LOGO_OF = re.compile(r"^(?:logo\s+of|로고\s*[:：])\s+", re.IGNORECASE)


def is_page_chrome(line: str) -> bool:
    """A whole line of the page around the content, not of the content."""
    return len(line) <= 200 and bool(PAGE_CHROME.match(line))


def partner_name(caption: str) -> str:
    """A partner's name from its entry in the logo strip, captions removed."""
    name = LOGO_OF.sub("", IMAGE_FILE.sub("", caption.strip()))
    shorter = PARTNER_CAPTION.sub("", name).strip()
    if "_" in shorter and " " not in shorter:
        shorter = shorter.replace("_", " ")
    return shorter or name
