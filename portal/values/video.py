"""Video addresses: which host a link is on, and its privacy-enhanced player.

Only YouTube and Vimeo are embedded; the player is loaded from YouTube's
no-cookie domain and with Vimeo's do-not-track flag, and only on the page a
visitor opens by pressing play (portal:post_play). The CSP frames these two
hosts and nothing else (settings.VIDEO_PLAYER_ORIGINS).
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def _youtube_id(parts) -> str:
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path == "/watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    else:
        segments = parts.path.strip("/").split("/")
        candidate = segments[1] if len(segments) > 1 and segments[0] in (
            "embed", "shorts", "live", "v"
        ) else ""  # fmt: skip
    return candidate if YOUTUBE_ID.match(candidate) else ""


def player_url(url: str) -> str:
    """The embeddable player for a YouTube or Vimeo link; "" for anything else."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower()
    if host in YOUTUBE_HOSTS and (video := _youtube_id(parts)):
        origin = settings.VIDEO_PLAYER_ORIGINS["youtube"]
        return f"{origin}/embed/{video}?autoplay=1&rel=0"
    if host in VIMEO_HOSTS:
        numbers = [s for s in parts.path.split("/") if s.isdigit()]
        if numbers:
            origin = settings.VIDEO_PLAYER_ORIGINS["vimeo"]
            return f"{origin}/video/{numbers[-1]}?autoplay=1&dnt=1"
    return ""
