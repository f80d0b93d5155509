"""Visitor-facing text registered with django-modeltranslation (ko and en columns).

Slugs, dates, URLs and choices stay untranslated: one object, one URL, two languages.
"""

from modeltranslation.translator import TranslationOptions, register

from portal.models import FAQEntry, Partner, PolicyField, Post, Program


@register(PolicyField)
class PolicyFieldTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Post)
class PostTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Program)
class ProgramTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description")


@register(FAQEntry)
class FAQEntryTranslationOptions(TranslationOptions):
    fields = ("question", "answer")


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "full_name", "description")
