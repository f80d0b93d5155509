"""The source text beside every translation a form asks for.

Each translated input of a saved item, in any language but its source's, is
shown beside the source text (rich text with its structure), so a translator
picks a language once (modeltranslation's switch) and reads source and
translation field by field without flipping tabs. A translation whose source
changed since it was made (portal.freshness) says so there, with the source as
it was and as it is, and a box to confirm that it still holds.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.freshness import confirm, source_language, tracked_fields
from portal.languages import direction, language_codes, language_name, localized
from portal.models import StaleTranslation
from portal.models.fields import RichTextField
from portal.text import rich

# The name of the "still holds" boxes; each value names one translation.
STILL_HOLDS = "portal-still-holds"
WORDS = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass
class Source:
    language: str
    text: str
    rich: bool
    stale: StaleTranslation | None
    # The value of this translation's "still holds" box.
    key: str

    @property
    def language_label(self) -> str:
        return language_name(self.language)

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def shown(self) -> str:
        return mark_safe(rich.sanitize(self.text)) if self.rich else self.text

    def changes(self) -> tuple[str, str]:
        """The source as the translation knew it and as it is, words removed
        and added marked (``<del>`` and ``<ins>``)."""
        before = self._words(self.stale.source_text)
        after = self._words(self.text)
        old, new = [], []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            removed = "".join(before[i1:i2])
            added = "".join(after[j1:j2])
            if tag == "equal":
                old.append(escape(removed))
                new.append(escape(added))
                continue
            if removed:
                old.append(f"<del>{escape(removed)}</del>")
            if added:
                new.append(f"<ins>{escape(added)}</ins>")
        return mark_safe("".join(old)), mark_safe("".join(new))

    def _words(self, text: str) -> list[str]:
        plain = rich.text_of(text) if self.rich else text
        return WORDS.findall(plain or "")


def still_holds_key(obj, column: str) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return f"{content_type.pk}:{obj.pk}:{column}"


class WithSource:
    """A translated input, rendered beside its source (delegating the rest)."""

    def __init__(self, widget, source: Source):
        self.widget = widget
        self.source = source

    def __getattr__(self, name):
        return getattr(self.widget, name)

    def __deepcopy__(self, memo):
        return WithSource(self.widget.__deepcopy__(memo), self.source)

    def render(self, name, value, attrs=None, renderer=None):
        field = self.widget.render(name, value, attrs, renderer)
        old, new = self.source.changes() if self.source.stale else ("", "")
        return render_to_string(
            "admin/portal/includes/source_beside.html",
            {
                "field": field,
                "source": self.source,
                "old": old,
                "new": new,
                "box": STILL_HOLDS,
                "id": (attrs or {}).get("id") or name,
            },
        )


def add_sources(form) -> None:
    """Put the source beside each translated input of ``form``'s saved item."""
    obj = form.instance
    model = type(obj)
    if obj.pk is None or not hasattr(model, "translated_field_names"):
        return
    marks = {
        (mark.field, mark.language): mark for mark in StaleTranslation.objects.of(obj)
    }
    for field in model.translated_field_names():
        code = source_language(lambda column: getattr(obj, column, ""), field)
        if code is None:
            continue
        is_rich = isinstance(model._meta.get_field(field), RichTextField)
        for lang in language_codes():
            column = localized(field, lang)
            if lang == code or column not in form.fields:
                continue
            widget = form.fields[column].widget
            form.fields[column].widget = WithSource(
                widget,
                Source(
                    language=code,
                    text=getattr(obj, localized(field, code), "") or "",
                    rich=is_rich,
                    stale=marks.get((field, lang)),
                    key=still_holds_key(obj, column),
                ),
            )


def sourced(form_class):
    """``form_class``, showing the sources beside its translated inputs."""

    class SourcedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            add_sources(self)

    SourcedForm.__name__ = form_class.__name__
    return SourcedForm


class SourcesBeside:
    """For ModelAdmins and inlines: the forms show each translation's source."""

    def get_form(self, request, obj=None, **kwargs):
        return sourced(super().get_form(request, obj, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = sourced(formset.form)
        return formset


def confirm_still_holds(request, objects, may_write) -> int:
    """Clear the marks the "still holds" boxes name, of ``objects`` (the item
    and its children in the form) and of languages ``may_write(column)``
    allows; any other value is ignored."""
    known = {}
    for obj in objects:
        for field in tracked_fields(type(obj)):
            for lang in language_codes():
                column = localized(field, lang)
                known[still_holds_key(obj, column)] = (obj, field, lang, column)
    confirmed = 0
    for key in request.POST.getlist(STILL_HOLDS):
        if key not in known:
            continue
        obj, field, lang, column = known[key]
        if may_write(column):
            confirmed += confirm(obj, [(field, lang)])
    return confirmed
