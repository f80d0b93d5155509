"""Lost updates: two people edit the same item, the later save would silently
undo the earlier one's change.

Every change form carries, hidden, when the item was last saved as the form was
opened (``updated_at``, which every save moves on). If the item was saved since,
the form is refused with an error and shown again with what the person typed;
saving that form again is then a deliberate choice to replace the other change.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

OPENED_VERSION = "opened_version"


def saved_version(obj) -> str:
    """When ``obj`` was last saved, as the form carries it."""
    if obj is None or obj.pk is None or obj.updated_at is None:
        return ""
    return obj.updated_at.isoformat()


class EditConflictForm(forms.ModelForm):
    opened_version = forms.CharField(
        label=_("last saved when opened"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[OPENED_VERSION].initial = saved_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get(OPENED_VERSION)
        current = saved_version(self.instance)
        # A form without the field (a script's POST) is not checked: this guards
        # people against each other, not against crafted requests.
        if opened and current and opened != current:
            # Shown again, the form carries the newer version, so saving it
            # once more replaces the other change knowingly.
            self.data = self.data.copy()
            self.data[self.add_prefix(OPENED_VERSION)] = current
            raise ValidationError(
                _(
                    "Someone else saved this item at %(time)s, after you opened "
                    "it. Your changes are not saved: they are still in the form "
                    "below. Compare with the item's history, then save again to "
                    "replace the other change with yours."
                ),
                code="edit_conflict",
                params={
                    "time": formats.localize(
                        timezone.localtime(self.instance.updated_at)
                    )
                },
            )
        return cleaned_data


class EditConflicts:
    """Gives a ModelAdmin's change form the check above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = type(self.form.__name__, (EditConflictForm, self.form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if OPENED_VERSION in flatten_fieldsets(fieldsets):
            return fieldsets
        # Hidden inputs render as hidden rows: the first fieldset carries it.
        (name, options), *rest = fieldsets
        first = (name, {**options, "fields": [*options["fields"], OPENED_VERSION]})
        return [first, *rest]
