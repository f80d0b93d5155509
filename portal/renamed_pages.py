"""A page whose slug changes keeps its old address working.

Declared once: ``track_renamed_pages()`` hooks every model in PUBLIC_CONTENT
that has a slug and a page when the app starts. A save that changes the slug
(in the admin, the import, anywhere ``save()`` is called) redirects the old
page's address to the new one in every language, through
``portal.old_addresses.record_moves``, which also re-points redirects that led
to the old address and drops one that a slug changed back has made a page
again. Raw saves (loaddata, restores) are copies, not renames, and are skipped.
"""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.db.models.signals import post_save, pre_save
from django.utils import translation

from portal.languages import language_codes
from portal.old_addresses import record_moves


def has_page_by_slug(model) -> bool:
    try:
        model._meta.get_field("slug")
    except FieldDoesNotExist:
        return False
    return hasattr(model, "get_absolute_url")


def remember_slug(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the slug as stored, one small query, only for a row that
    exists and a save that may write the slug."""
    instance._stored_slug = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    instance._stored_slug = (
        sender._base_manager.filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )


def record_renamed(sender, instance, created=False, raw=False, **kwargs):
    old_slug = getattr(instance, "_stored_slug", None)
    instance._stored_slug = None
    if raw or created or not old_slug or old_slug == instance.slug:
        return
    before = copy.copy(instance)
    before.slug = old_slug
    moves = {}
    for code in language_codes():
        with translation.override(code):
            moves[page_path(before)] = page_path(instance)
    record_moves(moves)


def page_path(obj) -> str:
    """The address of ``obj``'s page. Without its fragment, which never reaches
    the server: a partner's slug names a place on the partners' page, whose
    address stays."""
    return obj.get_absolute_url().partition("#")[0]


def track_renamed_pages() -> None:
    from portal.models.public import PUBLIC_CONTENT

    for entry in PUBLIC_CONTENT:
        if not has_page_by_slug(entry.model):
            continue
        uid = f"renamed-{entry.label}"
        pre_save.connect(remember_slug, sender=entry.model, dispatch_uid=uid)
        post_save.connect(record_renamed, sender=entry.model, dispatch_uid=uid)
