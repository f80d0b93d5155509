from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from portal.models import Category, FAQEntry, Partner, Post, Program


class PortalAdmin(TabbedTranslationAdmin):
    """Tabbed ko/en editing plus per-row columns telling translators which
    language is still missing."""

    # Links typed without a scheme are meant as https in 2026 (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(boolean=True, description=_("Korean"))
    def has_korean(self, obj):
        return obj.is_translated("ko")

    @admin.display(boolean=True, description=_("English"))
    def has_english(self, obj):
        return obj.is_translated("en")


@admin.register(Category)
class CategoryAdmin(PortalAdmin):
    list_display = ["__str__", "slug", "order", "has_korean", "has_english"]
    list_editable = ["order"]
    search_fields = ["name_ko", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Post)
class PostAdmin(PortalAdmin):
    list_display = [
        "__str__",
        "kind",
        "category",
        "published_at",
        "has_korean",
        "has_english",
    ]
    list_filter = ["kind", "category", "needs_review"]
    list_select_related = ["category"]
    search_fields = [
        "title_ko",
        "title_en",
        "summary_ko",
        "summary_en",
        "author",
        "slug",
    ]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        (_("Publishing"), {"fields": ["published_at", "author", "category"]}),
        (_("Media"), {"fields": ["video_url", "link_url", "file"]}),
    ]


class FAQEntryInline(TranslationStackedInline):
    model = FAQEntry
    extra = 0
    fields = ["order", "question", "answer"]


@admin.register(Program)
class ProgramAdmin(PortalAdmin):
    list_display = ["__str__", "slug", "order", "has_korean", "has_english"]
    search_fields = ["name_ko", "name_en", "summary_ko", "summary_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["related_posts"]
    inlines = [FAQEntryInline]


@admin.register(Partner)
class PartnerAdmin(PortalAdmin):
    list_display = [
        "__str__",
        "short_name",
        "group",
        "order",
        "has_korean",
        "has_english",
    ]
    list_editable = ["order"]
    list_filter = ["group"]
    search_fields = ["name_ko", "name_en", "short_name", "full_name_ko", "full_name_en"]
    prepopulated_fields = {"slug": ["short_name"]}


admin.site.site_header = _("Seoul Policy Sharing Portal administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content")
