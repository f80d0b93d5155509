from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from portal.languages import language_codes, localized
from portal.values.dates import validate_publication_date


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedModel(TimeStampedModel):
    """A model whose visitor-facing text is registered with modeltranslation.

    Knows which of its languages are complete, so the admin and the translation
    queue share one definition of "translated".
    """

    # Fields that must be written in at least one language, so that visitors
    # never meet an empty heading whichever language they read.
    required_in_one_language: tuple[str, ...] = ()

    # Which translations are older than their source (portal.freshness): saved
    # with each version in the history and restored with it, and deleted with
    # the row.
    stale_translations = GenericRelation("portal.StaleTranslation")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        languages = language_codes()
        errors = {}
        for field in self.required_in_one_language:
            if not any(
                self.translation_value(field, code).strip() for code in languages
            ):
                errors[localized(field, languages[0])] = _(
                    "Fill this in for at least one language."
                )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def translated_field_names(cls) -> tuple[str, ...]:
        """The fields staff write in each language (not those worked out from
        them, such as a rich body's text).

        Read once per model: registration is done when the apps are ready, and
        every save and every unit of a translation file asks."""
        return _translated_field_names(cls)

    @classmethod
    def missing_translation(cls, lang: str) -> models.Q:
        """Rows where some text is written in another language but not in ``lang``.

        The database version of ``not is_translated(lang)``, for filters and counts.
        """
        others = [code for code, _name in settings.LANGUAGES if code != lang]
        missing = models.Q(pk__in=[])
        for field in cls.translated_field_names():
            column = localized(field, lang)
            empty = models.Q(**{f"{column}__isnull": True}) | models.Q(**{column: ""})
            written = models.Q(pk__in=[])
            for code in others:
                written |= models.Q(**{f"{localized(field, code)}__gt": ""})
            missing |= empty & written
        return missing

    def translation_value(self, field: str, lang: str) -> str:
        return getattr(self, localized(field, lang), "") or ""

    def is_translated(self, lang: str) -> bool:
        """True when every field written in some language is written in ``lang``.

        An optional field left empty in both languages does not count against it.
        """
        languages = [code for code, _name in settings.LANGUAGES]
        for field in self.translated_field_names():
            values = [self.translation_value(field, code).strip() for code in languages]
            if any(values) and not self.translation_value(field, lang).strip():
                return False
        return True


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _translated_field_names(model: type[models.Model]) -> tuple[str, ...]:
    if model in _FIELD_NAMES:
        return _FIELD_NAMES[model]
    try:
        names = translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()  # not yet, or never: asked again next time
    found = tuple(name for name in names if model._meta.get_field(name).editable)
    _FIELD_NAMES[model] = found
    return found


class ImportedModel(models.Model):
    """A row the seed import may have written.

    ``source_key`` is derived from the content (not from file order), so a re-import
    finds the same row; ``import_fingerprint`` hashes what the import last wrote, so a
    re-import can tell "unchanged" from "edited by staff since".
    """

    source_key = models.CharField(
        _("import key"), max_length=64, blank=True, default="", editable=False
    )
    import_fingerprint = models.CharField(
        _("import fingerprint"), max_length=64, blank=True, default="", editable=False
    )
    # A hash per field of what the import last wrote there: a re-import updates
    # the fields staff left as written and keeps the ones they changed.
    import_fields = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~models.Q(source_key=""),
                name="%(class)s_unique_source_key",
            )
        ]

    # Keys in ``import_fields`` that are no field: the capture (by file name)
    # the stored text came from, and the title the import last wrote (as scraped
    # when cut) and whether it was cut.
    WRITTEN_CAPTURE, WRITTEN_TITLE, WRITTEN_CUT = "@capture", "@title", "@cut"

    @property
    def import_identity(self) -> str:
        """What the import finds this row by; "" for rows staff wrote."""
        return self.source_key

    @property
    def import_title(self) -> str:
        """The title the import last wrote, ending in "…" when it was cut."""
        written = self.import_fields or {}
        title = written.get(self.WRITTEN_TITLE, "")
        return f"{title}…" if title and written.get(self.WRITTEN_CUT) else title


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the one definition every public surface uses."""
        return self.filter(
            status=PublishableModel.Status.PUBLISHED,
            published_at__lte=timezone.now(),
        )


class PublishableModel(models.Model):
    """Content that is a draft until an editor publishes it, and public only once its
    publication time has come (so it can be scheduled)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        validators=[validate_publication_date],
        help_text=_("Visitors see the item from this time on, once it is published."),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )
