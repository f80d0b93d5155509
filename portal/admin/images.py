"""The image library: upload once, describe in every language, reuse anywhere."""

from django import forms
from django.contrib import admin
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin.base import PortalAdmin
from portal.images.renditions import rendition_url, store_renditions
from portal.languages import localized_all
from portal.models import Image
from portal.uploads.checks import rewritten, validate_logo


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = [
            "file",
            *localized_all("alt_text"),
            "is_decorative",
            *localized_all("caption", "credit"),
            "focal_x",
            "focal_y",
        ]

    def clean_file(self):
        """Checked by content, then stored without its EXIF and XMP metadata."""
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            return rewritten(file)
        return file


class PartnerForm(forms.ModelForm):
    """A partner's logo is checked like before, then stored without metadata."""

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and "logo" in self.changed_data:
            validate_logo(logo)
            return rewritten(logo)
        return logo


def thumbnail(image, width: int = 160):
    """A small rendition for the admin, or the original before renditions exist."""
    files = image.renditions.get("wide", {}).get("webp")
    src = rendition_url(files[0][2]) if files else image.file.url
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" class="portal-thumbnail">',
        src,
        width,
        round(width * 9 / 16),
    )


class ImageAdminMixin:
    """Previews for the library's admin and for the forms that choose an image."""

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        return thumbnail(obj, 320) if obj and obj.file else "—"

    @admin.display(description=_("Chosen image"))
    def lead_image_preview(self, obj):
        image = obj.lead_image if obj else None
        return thumbnail(image, 320) if image and image.file else "—"


@admin.register(Image)
class ImageAdmin(ImageAdminMixin, PortalAdmin):
    form = ImageForm
    list_display = [
        "list_thumbnail",
        "__str__",
        "is_decorative",
        "translations",
        "created_at",
    ]
    list_display_links = ["list_thumbnail", "__str__"]
    list_filter = ["is_decorative"]
    list_per_page = 40
    search_fields = localized_all("alt_text", "caption", "credit")
    readonly_fields = ["preview", "body_address", "size"]
    derived_from_files = {"file": ("renditions",)}
    fieldsets = [
        (None, {"fields": ["file", "preview", "size", "alt_text", "is_decorative"]}),
        (None, {"fields": ["caption", "credit"]}),
        (_("Cropping"), {"fields": ["focal_x", "focal_y"]}),
        (_("Use in a body"), {"fields": ["body_address"]}),
    ]

    @admin.display(description=_("Image"))
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("Size in pixels"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj and obj.file else "—"

    @admin.display(description=_("Address for the body editor"))
    def body_address(self, obj):
        if not obj or not obj.file:
            return _("Save first.")
        return format_html(
            "<code>{}</code><br>{}",
            obj.file.url,
            _(
                "In the body editor, press the image button, then Browse... to "
                "choose this image. Visitors get a resized copy, described with "
                "this image's alt text unless the editor gives its own."
            ),
        )

    def get_urls(self):
        # Imported here: the chooser module reuses this one's thumbnails.
        from portal.admin.chooser import choose_image

        chooser = path(
            "choose/",
            self.admin_site.admin_view(lambda request: choose_image(self, request)),
            name="portal_image_choose",
        )
        return [chooser, *super().get_urls()]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cropping = {"file", "focal_x", "focal_y"}
        if not obj.renditions or cropping & set(form.changed_data):
            store_renditions(obj)
