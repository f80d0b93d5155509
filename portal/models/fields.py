"""Model fields for rich bodies and the plain text kept beside them."""

from django.db import models
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import build_localized_fieldname

from portal.text import rich


class RichTextField(ProseEditorField):
    """HTML written with the admin's editor, sanitised whenever it is saved.

    The form sanitises on clean; ``pre_save`` does it again so that rows written
    by the import, the shell or a restore are held to the same allow-list.
    Migrations see a plain TextField (django-prose-editor's deconstruct).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", rich.EDITOR_EXTENSIONS)
        kwargs.setdefault("sanitize", rich.sanitize)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = rich.sanitize(getattr(model_instance, self.attname) or "")
        _keep(self, model_instance, value)
        return value


def _keep(field, instance, value) -> None:
    """Show a saved value on the instance, for a language's own column only.

    The untranslated column's attribute is modeltranslation's descriptor, which
    reads the active language with fallback and writes to the active language:
    setting it would copy one language's text into the other's column.
    """
    if getattr(field, "language", None):
        setattr(instance, field.attname, value)


class TextOfField(models.TextField):
    """The plain text of a rich field on the same row, in the same language.

    Search triggers, feeds, meta descriptions and snippets read this column, so
    none of them sees markup. It is worked out whenever the row is saved (bulk
    inserts included); a raw SQL writer must fill it too (docs/operations.md).
    """

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for default in ("editable", "blank", "default"):
            kwargs.pop(default, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        # modeltranslation copies this field once per language as ``body_text_ko``
        # …; each copy reads its own language's column of the source.
        language = getattr(self, "language", None)
        source = (
            build_localized_fieldname(self.source, language)
            if language
            else self.source
        )
        value = rich.text_of(getattr(model_instance, source, "") or "")
        _keep(self, model_instance, value)
        return value
