"""Visitor-facing text registered with django-modeltranslation (ko and en columns).

Slugs, dates, URLs and choices stay untranslated: one object, one URL, two languages.
"""

from modeltranslation.translator import TranslationOptions, register

from portal.models import FAQEntry, Image, Page, Partner, PolicyField, Post, Program


@register(PolicyField)
class PolicyFieldTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Post)
class PostTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_text", "author", "department")


@register(Program)
class ProgramTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "description",
        "description_text",
        "schedule",
        "eligibility",
        "contact",
    )


@register(FAQEntry)
class FAQEntryTranslationOptions(TranslationOptions):
    fields = ("question", "answer")


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "full_name", "description")


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body", "body_text")
