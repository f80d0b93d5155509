"""Restoring an old version touches that item alone, and survives a file that
has gone since.

django-reversion restores whole revisions, and a revision holds every row saved
during one admin request: a publication's save also makes its cover image, so
restoring the post put back the cover's old alt text too. Before a restore, the
rows of other items are moved into revisions of their own (as migration 0014 did
for the old import), so the restore writes this item and its followed children
(a programme's FAQ entries) only.

A version names the files it had; when a file was replaced and is gone from
storage, the restored item keeps its current file (and what was worked out from
it) and the editor is told, rather than a 500.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision, Version

from portal.models.public import PUBLIC_CONTENT


def own_models(model: type[models.Model]) -> set[type[models.Model]]:
    """The model and the children saved with each of its versions (its
    out-of-date marks among them)."""
    owned = {model}
    for entry in PUBLIC_CONTENT:
        if entry.model is model:
            owned.update(
                model._meta.get_field(name).related_model
                for name in entry.history_follow
            )
    return owned


def separate_other_items(version: Version) -> int:
    """Move the versions of other items out of ``version``'s revision, each into
    a revision of its own with the same date, author and comment; how many."""
    model = version.content_type.model_class()
    children = ContentType.objects.get_for_models(*(own_models(model) - {model}))
    mine = models.Q(content_type=version.content_type, object_id=version.object_id)
    mine |= models.Q(content_type__in=list(children.values()))
    revision = version.revision
    moved = 0
    with transaction.atomic():
        for other in revision.version_set.exclude(mine):
            copy = Revision.objects.create(
                date_created=revision.date_created,
                user_id=revision.user_id,
                comment=revision.comment,
            )
            Version.objects.filter(pk=other.pk).update(revision=copy)
            moved += 1
    return moved


class RestoreOwnVersion:
    """For VersionAdmin subclasses: restores touch one item, missing files are
    kept as they are now."""

    # File field → fields worked out from its file, kept along with it.
    derived_from_files: dict[str, tuple[str, ...]] = {}

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.prepare_restore(request, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.prepare_restore(request, version_id)
        return super().recover_view(request, version_id, extra_context)

    def prepare_restore(self, request, version_id) -> None:
        version = Version.objects.filter(pk=version_id).first()
        if version is None or version.content_type.model_class() is not self.model:
            return
        if request.method == "POST":
            # Only a restore that is saved changes the history; showing one
            # writes nothing.
            separate_other_items(version)
        request.portal_kept_files = self.current_files_for_missing(request, version)
        request.portal_restored_version = version

    def current_files_for_missing(self, request, version: Version) -> dict:
        """The current values of each file field (and what derives from it) whose
        file in ``version`` is gone from storage."""
        try:
            old = version.field_dict
        except RevertError:
            return {}  # django-reversion reports it when restoring
        kept = {}
        for field in self.model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            name = getattr(old.get(field.attname), "name", old.get(field.attname))
            if not name or field.storage.exists(name):
                continue
            names = [
                self.model._meta.get_field(derived).attname
                for derived in self.derived_from_files.get(field.name, ())
            ]
            current = (
                self.model._default_manager.filter(pk=version.object_id)
                .values(field.attname, *names)
                .first()
            )
            kept.update(current or {field.attname: ""})
            messages.warning(
                request,
                _(
                    "The file of this version (%(field)s) no longer exists: the "
                    "current file is kept."
                )
                % {"field": field.verbose_name},
            )
        return kept

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            for attname, value in getattr(request, "portal_kept_files", {}).items():
                setattr(obj, attname, value)
        return obj
