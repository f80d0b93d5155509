"""The old site's addresses of imported items, recorded as redirects.

A detail page's capture shows its address (parser.py reads the line); the
curated file maps others (``[old_addresses]`` in curated.toml). The redirects
themselves, and how a request finds them, are portal.old_addresses'.
"""

from portal.languages import localized_all
from portal.models import Partner, Post, Program
from portal.old_addresses import parse_old_address, record, record_mappings

# What a curated entry may name, and the column(s) its name is looked up in.
NAMED = {
    "post": (Post, "title"),
    "program": (Program, "name"),
    "partner": (Partner, "name"),
}


class AddressError(ValueError):
    """A curated address entry that names nothing: the import stops before
    writing anything else worth keeping (the caller's transaction)."""


def record_captured(posts: list, rows: dict[str, int], report) -> int:
    """Redirect each captured post's old address to its page."""
    wanted = {}
    for post in posts:
        if not post.address or post.key not in rows:
            continue
        address = parse_old_address(post.address)
        if address is None:
            report.warnings.append(
                f"{post.origin}: not an address of the old site, not recorded: "
                f"{post.address!r}"
            )
            continue
        if wanted.get(address, rows[post.key]) != rows[post.key]:
            report.warnings.append(
                f"{post.origin}: the old address {address.path} was already "
                "another post's; it now leads to this one"
            )
        wanted[address] = rows[post.key]
    items = Post.objects.only("pk", "slug").in_bulk(set(wanted.values()))
    return record((items[pk], address) for address, pk in wanted.items() if pk in items)


def record_curated(entries: dict[str, object]) -> int:
    """Redirect the curated file's addresses: to a path here, or to the page of
    the post, programme or partner an entry names."""
    paths, named = [], []
    for text, target in entries.items():
        if isinstance(target, str):
            paths.append((text, target))
            continue
        address = parse_old_address(text)
        if address is None:
            raise AddressError(f"[old_addresses] {text!r}: not an old-site address")
        named.append((_named_item(text, target), address))
    try:
        return record_mappings(paths) + record(named)
    except ValueError as error:
        raise AddressError(f"[old_addresses] {error}") from None


def _named_item(text: str, target) -> object:
    if (
        not isinstance(target, dict)
        or len(target) != 1
        or not set(target) <= set(NAMED)
    ):
        raise AddressError(
            f"[old_addresses] {text!r}: expected a path or one of "
            f"{', '.join(f'{{{kind} = NAME}}' for kind in NAMED)}"
        )
    [(kind, name)] = target.items()
    model, field = NAMED[kind]
    for column in localized_all(field):
        item = model.objects.filter(**{column: name}).first()
        if item is not None:
            return item
    raise AddressError(f"[old_addresses] {text!r}: no {kind} named {name!r}")
