"""Addresses that must keep working after their page moved: the old site's and
those of renamed pages.

The old site (Drupal, 2014-2025, settings.OLD_SITE_HOSTS) named an item
``/<language>/node/<number>`` or ``/<language>/content/<number>``, or the same
without the language prefix. Partners' pages and old e-mails still link to
thousands of them. Each known one is a redirect (django.contrib.redirects) from
its canonical form (``OldAddress.path``) to the item's page: the import records
them (``record``, ``record_mappings``), staff see and correct them in the admin
beside any other redirect, and the middleware (portal.middleware.old_addresses)
finds the best one for a request in one indexed query (``destination``,
``stored_redirect``).

A page whose slug changes leaves a redirect at its old address in every language
(``record_moves``, called by portal.renamed_pages).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from portal.languages import default_language, language_codes

KINDS = ("node", "content")
# As Drupal wrote them: lower case, no leading zeros needed. Its node ids are
# 32-bit, so a longer number was never one of its addresses.
OLD_PATH = re.compile(
    r"/(?:(?P<prefix>[^/]+)/)?(?P<kind>node|content)/(?P<number>[0-9]{1,10})/?"
)
# The redirects table's column: a longer path can be neither stored nor found.
MAX_PATH = Redirect._meta.get_field("old_path").max_length
# Longer text is no address; refused before any parsing.
MAX_TEXT = 2000


@dataclass(frozen=True)
class OldAddress:
    """An address of the old site: our language code (None without a prefix),
    the kind of path and the item's number there."""

    language: str | None
    kind: str
    number: int

    @property
    def path(self) -> str:
        """The form redirects are stored under: no host, no trailing slash."""
        tail = f"/{self.kind}/{self.number}"
        return f"/{self.language}{tail}" if self.language else tail

    @classmethod
    def from_path(cls, path: str) -> Self | None:
        match = OLD_PATH.fullmatch(path)
        if match is None:
            return None
        prefix = match["prefix"]
        language = settings.OLD_SITE_LANGUAGES.get(prefix) if prefix else None
        if prefix and language is None:
            return None
        return cls(language, match["kind"], int(match["number"]))

    def candidates(self) -> list[str]:
        """Where a redirect for this address may be stored, best first: under its
        own prefix (its kind, then the other), without one, then under every
        other language's. An item recorded in one language is found from all."""
        kinds = (self.kind, *(kind for kind in KINDS if kind != self.kind))
        languages = [
            *([self.language] if self.language else []),
            None,
            *(code for code in language_codes() if code != self.language),
        ]
        return [
            OldAddress(code, kind, self.number).path
            for code in languages
            for kind in kinds
        ]


def parse_old_address(text: str) -> OldAddress | None:
    """The old-site address ``text`` names, or None.

    Takes a whole URL (``https://www.seoulsolution.kr/en/node/9826``), one
    without its scheme, a path with or without its leading slash; the query and
    fragment are ignored. A host, when given, must be the old site's or ours.
    """
    text = text.strip()
    if not text or len(text) > MAX_TEXT or "\x00" in text:
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    path = parts.path
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("", "http", "https") or not is_known_host(host):
            return None
    else:
        first, _slash, rest = path.lstrip("/").partition("/")
        if "." in first:  # a host name, written without the scheme
            if not is_known_host(first.lower()):
                return None
            path = "/" + rest
        elif not path.startswith("/"):
            path = "/" + path
    return OldAddress.from_path(path)


def is_known_host(host: str | None) -> bool:
    """The old site's host names and ours (SITE_URL's, the allowed hosts)."""
    if not host:
        return False
    if host in settings.OLD_SITE_HOSTS:
        return True
    ours = [urlsplit(settings.SITE_URL).hostname or "", *settings.ALLOWED_HOSTS]
    return any(
        host == name.lower()
        or (name.startswith(".") and (host == name[1:] or host.endswith(name)))
        for name in ours
        if name and name != "*"
    )


def in_language(path: str, code: str) -> str:
    """``path`` under ``code``'s prefix, when it has one of ours: a slug is the
    same in every language, so only the prefix differs."""
    for other in language_codes():
        prefix = f"/{other}/"
        if path.startswith(prefix):
            return f"/{code}/{path[len(prefix) :]}"
    return path


def destination(address: OldAddress) -> str:
    """Where a request for ``address`` goes, in one query: the page of the best
    redirect stored for it (``OldAddress.candidates``), in the address's
    language (the default language without a prefix); that language's home page
    when none is. Empty when staff marked the address gone."""
    code = address.language or default_language()
    candidates = [path for path in address.candidates() if len(path) <= MAX_PATH]
    stored = dict(
        Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__in=candidates
        ).values_list("old_path", "new_path")
    )
    for path in candidates:
        if path in stored:
            return in_language(stored[path], code)
    with translation.override(code):
        return reverse("portal:home")


def stored_redirect(paths: list[str]) -> tuple[str, str] | None:
    """The first of ``paths`` that a redirect is stored for, with its target,
    in one query; None when there is none. A path with a NUL is none of them:
    PostgreSQL refuses it in a query."""
    paths = [path for path in paths if len(path) <= MAX_PATH and "\x00" not in path]
    if not paths:
        return None
    stored = dict(
        Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__in=paths
        ).values_list("old_path", "new_path")
    )
    return next(((path, stored[path]) for path in paths if path in stored), None)


def record(pairs: Iterable[tuple[models.Model, OldAddress]]) -> int:
    """Redirect each old address to its item's page in the address's language
    (the default language's without a prefix). Returns how many redirects were
    added or changed: none when an import runs again.

    In bulk, for imports of thousands: one query reads the redirects already
    there, then one bulk insert and one bulk update (batched by the database).
    """
    by_language = defaultdict(list)
    for item, address in pairs:
        by_language[address.language or default_language()].append((item, address))
    targets = {}
    for code, group in by_language.items():
        with translation.override(code):
            for item, address in group:
                targets[address.path] = item.get_absolute_url()
    return _upsert(targets)


def record_mappings(pairs: Iterable[tuple[str, str]]) -> int:
    """Redirect each old address (text ``parse_old_address`` reads) to a path of
    this site, as a curated list says. Raises ValueError naming the first entry
    that is not an old address or not a path here. Returns how many redirects
    were added or changed."""
    targets = {}
    for text, target in pairs:
        address = parse_old_address(text)
        if address is None:
            raise ValueError(f"not an address of the old site: {text!r}")
        if not is_site_path(target):
            raise ValueError(f"not a path of this site: {target!r}")
        targets[address.path] = target
    return _upsert(targets)


def record_mapping(text: str, target: str) -> int:
    """One entry of ``record_mappings``."""
    return record_mappings([(text, target)])


def is_site_path(path: str) -> bool:
    return (
        path.startswith("/")
        and not path.startswith("//")
        and len(path) <= MAX_PATH
        and path.isprintable()
        and " " not in path
    )


def _upsert(targets: dict[str, str]) -> int:
    targets = {old: new for old, new in targets.items() if len(new) <= MAX_PATH}
    if not targets:
        return 0
    with transaction.atomic():
        existing = {
            row.old_path: row
            for row in Redirect.objects.filter(
                site_id=settings.SITE_ID, old_path__in=list(targets)
            )
        }
        added, changed = [], []
        for old, new in targets.items():
            row = existing.get(old)
            if row is None:
                added.append(
                    Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
                )
            elif row.new_path != new:
                row.new_path = new
                changed.append(row)
        Redirect.objects.bulk_create(added)
        Redirect.objects.bulk_update(changed, ["new_path"])
    return len(added) + len(changed)


def record_moves(moves: dict[str, str]) -> None:
    """Pages moved, each from an old path to a new one (a renamed page, in each
    language). Redirects that led to an old path lead to the new one (kept to
    one hop, fragment kept); a redirect from a new path is deleted, that address
    being a page again (a slug changed back); each old path redirects to its
    new one."""
    moves = {
        old: new
        for old, new in moves.items()
        if old != new and len(old) <= MAX_PATH and len(new) <= MAX_PATH
    }
    if not moves:
        return
    news = set(moves.values())
    pointing = Q(new_path__in=list(moves))
    for old in moves:
        pointing |= Q(new_path__startswith=f"{old}#")
    with transaction.atomic():
        rows = Redirect.objects.filter(site_id=settings.SITE_ID).filter(
            Q(old_path__in=[*moves, *news]) | pointing
        )
        live_again, changed, present = [], [], set()
        for row in rows:
            if row.old_path in news:
                live_again.append(row.pk)
                continue
            if row.old_path in moves:
                present.add(row.old_path)
                target = moves[row.old_path]
            else:
                path, hash_, fragment = row.new_path.partition("#")
                target = moves[path] + hash_ + fragment
            if row.new_path != target and len(target) <= MAX_PATH:
                row.new_path = target
                changed.append(row)
        Redirect.objects.filter(pk__in=live_again).delete()
        Redirect.objects.bulk_update(changed, ["new_path"])
        Redirect.objects.bulk_create(
            Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
            for old, new in moves.items()
            if old not in present
        )
