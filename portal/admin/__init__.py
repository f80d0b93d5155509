"""The Django admin: one ModelAdmin per public model, the image library
(``images``), the seed items staff deleted (``tombstones``), the translation
dashboard, files for translation vendors (``vendor_files``) and redirects
(``redirects``); base classes in ``base``."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from portal.admin import (  # noqa: F401  (they register their admins)
    cases,
    feedback,
    glossary,
    inquiries,
)
from portal.admin.base import PortalAdmin, PublishableAdmin
from portal.admin.images import ImageAdminMixin, PartnerForm
from portal.admin.redirects import RedirectAdmin  # noqa: F401 (registers it)
from portal.admin.roles import TranslatorLimits
from portal.admin.sources import SourcesBeside
from portal.admin.tombstones import SeedTombstoneAdmin  # noqa: F401 (registers it)
from portal.admin.translators import TranslatorLanguagesAdmin  # noqa: F401 (registers it)
from portal.admin.vendor_files.admin import TranslationUploadAdmin  # noqa: F401 (registers it)
from portal.images.covers import cover_from_pdf
from portal.languages import localized_all
from portal.models import FAQEntry, Page, Partner, PolicyField, Post, Program


@admin.register(PolicyField)
class PolicyFieldAdmin(PortalAdmin):
    list_display = ["__str__", "slug", "order", "translations"]
    list_editable = ["order"]
    search_fields = [*localized_all("name"), "slug"]
    slug_from = "name"


@admin.register(Post)
class PostAdmin(ImageAdminMixin, PublishableAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "published",
        # No policy field column: the filter beside the list offers it, and the
        # list must fit a 1280 px screen.
        "translations",
        "needs_review",
    ]
    list_filter = ["status", "kind", "policy_field", "featured", "needs_review"]
    list_select_related = ["policy_field"]
    search_fields = [*localized_all("title", "summary", "author"), "slug"]
    date_hierarchy = "published_at"
    slug_from = "title"
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "preview_links",
                    "author",
                    "department",
                    "department_phone",
                    "policy_field",
                    "featured",
                    "needs_review",
                ]
            },
        ),
        (
            _("Images and media"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_preview",
                    "video_url",
                    "link_url",
                    "file",
                    "file_facts",
                ]
            },
        ),
    ]
    # The chooser: a pop-up of the image library, with its thumbnails and search.
    raw_id_fields = ["lead_image"]
    derived_from_files = {"file": ("file_pages", "file_size", "cover_image")}

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "lead_image_preview",
            "file_facts",
        ]

    @admin.display(description=_("Publication file"))
    def file_facts(self, obj):
        if not obj or not obj.file:
            return "—"
        return _("%(pages)s pages, %(size)s bytes") % {
            "pages": obj.file_pages if obj.file_pages is not None else "?",
            "size": obj.file_size,
        }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data and not cover_from_pdf(obj):
            messages.warning(
                request,
                _(
                    "The publication file was saved, but no cover could be made "
                    "from its first page. Visitors can still download it."
                ),
            )


class FAQEntryInline(SourcesBeside, TranslatorLimits, TranslationStackedInline):
    model = FAQEntry
    extra = 0
    fields = ["order", "question", "answer"]


@admin.register(Program)
class ProgramAdmin(ImageAdminMixin, PublishableAdmin):
    list_display = [
        "__str__",
        "status",
        "published",
        "order",
        "translations",
    ]
    list_filter = ["status"]
    search_fields = [*localized_all("name", "summary"), "slug"]
    slug_from = "name"
    autocomplete_fields = ["related_posts"]
    raw_id_fields = ["lead_image"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "lead_image_preview"]

    inlines = [FAQEntryInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description", "order"]}),
        (
            _("For applicants"),
            {
                "fields": ["schedule", "eligibility", "contact"],
                "description": _(
                    "Shown beside the description when filled in; “how to ask” "
                    "falls back to the division named in the footer."
                ),
            },
        ),
        (_("Image"), {"fields": ["lead_image", "lead_image_preview"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "preview_links"]}),
        (None, {"fields": ["related_posts"]}),
    ]


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = [
        "__str__",
        "slug",
        "status",
        "in_footer",
        "order",
        "needs_review",
        "translations",
    ]
    list_filter = ["status", "needs_review", "in_footer"]
    search_fields = [*localized_all("title"), "slug"]
    slug_from = "title"
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Footer"), {"fields": ["in_footer", "emphasised", "order"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "needs_review"]},
        ),
    ]


@admin.register(Partner)
class PartnerAdmin(PortalAdmin):
    form = PartnerForm
    list_display = [
        "__str__",
        "short_name",
        "group",
        "order",
        "translations",
    ]
    list_editable = ["order"]
    list_filter = ["group"]
    search_fields = [*localized_all("name", "full_name"), "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


admin.site.site_header = _("Seoul Policy Sharing Portal administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content")
admin.site.index_template = "admin/portal_index.html"
