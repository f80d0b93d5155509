"""Visitor-facing text registered with django-modeltranslation: a column per
declared language.

Slugs, dates, URLs and choices stay untranslated: one object, one URL, every
language.
"""

from modeltranslation.translator import TranslationOptions, register

from portal.models import (
    ChangeNote,
    Department,
    FAQEntry,
    GlossaryTerm,
    Image,
    Milestone,
    Outcome,
    Page,
    Partner,
    PolicyCase,
    PolicyField,
    Post,
    Program,
)


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


@register(Department)
class DepartmentTranslationOptions(TranslationOptions):
    fields = ("name", "address")


@register(PolicyCase)
class PolicyCaseTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "period",
        "problem",
        "problem_text",
        "approach",
        "approach_text",
        "budget",
        "staffing",
        "stakeholders",
        "obstacles",
        "obstacles_text",
        "lessons",
        "lessons_text",
        "contact_name",
    )


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("figure", "text", "source")


@register(ChangeNote)
class ChangeNoteTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("term",)
