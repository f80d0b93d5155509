from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.languages import default_language, language_codes, localized, shown_field
from portal.models.base import TranslatedModel
from portal.uploads.checks import image_path

PERCENT = [MaxValueValidator(100)]


class ImageQuerySet(models.QuerySet):
    def referenced(self, ids, names):
        """The library images a body names: by id (``data-file``, chosen in the
        editor), or by stored original (bodies written before the chooser)."""
        return self.filter(models.Q(pk__in=ids) | models.Q(file__in=names))


class Image(TranslatedModel):
    """A picture in the library, uploaded once and used by any post or programme.

    Alt text is required in one language unless the image is decorative;
    ``renditions`` records the sizes made (portal.images.renditions).
    """

    file = models.ImageField(
        _("image file"),
        upload_to=image_path,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP, at most 20 MB."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty only "
            "for a decorative image."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("The image adds nothing a reader needs; screen readers skip it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("The source or photographer."),
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"), null=True, blank=True, validators=PERCENT
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Where the subject is, so crops keep it: 0 is the top edge."),
    )
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        text = shown_field(self, "alt_text").text.strip()
        if text:
            return text[:80]
        return self.file.name.rsplit("/", 1)[-1] if self.file else str(self.pk)

    @property
    def has_focal_point(self) -> bool:
        return self.focal_x is not None and self.focal_y is not None

    def clean(self):
        super().clean()
        written = any(
            self.translation_value("alt_text", code).strip()
            for code in language_codes()
        )
        if not written and not self.is_decorative:
            raise ValidationError(
                {
                    localized("alt_text", default_language()): _(
                        "Describe the image in at least one language, or mark it "
                        "decorative."
                    )
                }
            )
        if (self.focal_x is None) != (self.focal_y is None):
            raise ValidationError(
                {"focal_y": _("Give both coordinates of the focal point, or neither.")}
            )
