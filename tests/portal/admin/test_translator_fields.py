"""Translators change translations and nothing else, field by field, on every
model the admin edits; Editors still change every field.

The fields come from the admin itself (each ModelAdmin's form and its inlines'
forms as an Editor gets them), so a field added tomorrow is tested tomorrow. Each
test sends the whole form as an Editor sees it, with one field changed, as a
crafted POST would.
"""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from portal.admin.base import PortalAdmin
from portal.admin.roles import translatable_fields
from portal.languages import default_language, language_codes, localized
from portal.values.phones import validate_phone
from tests import factories
from tests.conftest import parse
from tests.portal.admin.test_images import pdf_bytes
from tests.portal.images.support import image_bytes, upload

pytestmark = pytest.mark.django_db


def _as_editor():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_staff=True, is_superuser=True, is_active=True)
    return request


def is_model_field(model, name: str) -> bool:
    # Not the form's own hidden fields (the edit-conflict check's).
    return any(field.name == name for field in model._meta.get_fields())


def admin_form_fields() -> list[tuple[type, str, str]]:
    """(model, form field name, name in the POST) for every field the admin's
    change forms offer an Editor, inlines included."""
    request = _as_editor()
    fields = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PortalAdmin):
            continue
        form = model_admin.get_form(request, None, change=True)
        fields += [
            (model, name, name)
            for name in form.base_fields
            if is_model_field(model, name)
        ]
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            prefix = formset.get_default_prefix()
            fields += [
                (inline.model, name, f"{prefix}-0-{name}")
                for name in formset.form.base_fields
            ]
    return fields


def one_other_language_each(fields: list[tuple[type, str, str]]) -> list:
    """Every field, with each translated one in the default language (the
    translator's source, never theirs to change) and in one other language,
    the others taken in turn so that each is tried on several fields. Every
    column of every language would be 600 admin saves; the columns of one
    field differ only in their name, which any field's turn tries."""
    others = [code for code in language_codes() if code != default_language()]
    turn, kept = {}, []
    for model, name, post_name in fields:
        column_of = {
            localized(base, code): (base, code)
            for base in getattr(model, "translated_field_names", list)()
            for code in language_codes()
        }
        base, code = column_of.get(name, (None, default_language()))
        if code != default_language():
            wanted = turn.setdefault((model, base), others[len(turn) % len(others)])
            if code != wanted:
                continue
        kept.append((model, name, post_name))
    return kept


FIELDS = one_other_language_each(admin_form_fields())


def make(model):
    """A row of ``model`` in its admin page: FAQ entries inside a programme."""
    obj = getattr(factories, f"{model.__name__}Factory")()
    if model._meta.model_name == "image":
        # A focal point is given in both directions or neither.
        obj.focal_x = obj.focal_y = 50
        obj.save()
    if model._meta.model_name == "faqentry":
        return obj, obj.program
    if hasattr(obj, "case"):  # a milestone, outcome or change note
        return obj, obj.case
    return obj, obj


def form_data(response) -> dict:
    """What the browser would send for the change form as rendered."""
    form = parse(response).select_one("form[id$=_form]")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select("option[selected]")
            values = [option["value"] for option in chosen]
            data[name] = values if field.has_attr("multiple") else values[:1]
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif kind not in ("file", "submit", "button"):
            data[name] = field.get("value", "")
    return data


def new_value(model, form_field: forms.Field, old):
    """A different value the field accepts."""
    if isinstance(form_field, forms.FileField):
        if isinstance(form_field, forms.ImageField) or model.__name__ == "Image":
            return upload(image_bytes(color=(200, 10, 10)), "new.jpg")
        if model.__name__ == "Partner":
            return upload(image_bytes(image_format="PNG"), "logo.png", "image/png")
        return upload(pdf_bytes(1), "new.pdf", "application/pdf")
    if isinstance(form_field, forms.BooleanField):
        return [] if old else ["on"]
    if isinstance(form_field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        related = form_field.queryset.model
        factory = getattr(factories, f"{related.__name__}Factory", None)
        if factory is None:  # fixed rows, such as the seventeen goals
            pk = form_field.queryset.exclude(pk__in=old or []).first().pk
        else:
            pk = factory().pk
        return [str(pk)]
    if isinstance(form_field, forms.ChoiceField):
        others = [
            str(value) for value, _label in form_field.choices if value not in old
        ]
        return [others[-1]]
    if isinstance(form_field, forms.IntegerField):
        return str((int(old or 0) + 7) % 100)
    if isinstance(form_field, forms.URLField):
        return "https://example.org/changed"
    if isinstance(form_field, forms.DateField):
        return str(datetime.date.fromisoformat(old) - datetime.timedelta(days=3))
    if isinstance(form_field, forms.EmailField):
        return "changed@example.org"
    if isinstance(form_field, forms.SlugField):
        return "changed-slug"
    return "<p>Changed text</p>"


def stored(obj, name: str):
    obj.refresh_from_db()
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return {related.pk for related in getattr(obj, name).all()}
    value = getattr(obj, field.attname)
    return getattr(value, "name", value)


def change_one_field(client, admin_client, model, name, post_name):
    obj, parent = make(model)
    url = reverse(f"admin:portal_{parent._meta.model_name}_change", args=[parent.pk])
    data = form_data(admin_client.get(url))
    before = stored(obj, name)
    form_field = admin_form_field(model, name)
    if isinstance(form_field, forms.SplitDateTimeField):
        day = datetime.date.fromisoformat(data[f"{post_name}_0"])
        data[f"{post_name}_0"] = str(day - datetime.timedelta(days=3))
    elif validate_phone in model._meta.get_field(name).validators:
        data[post_name] = "02-2133-0000"
    else:
        data[post_name] = new_value(model, form_field, data.get(post_name))
    response = client.post(url, data)
    assert response.status_code in (302, 403), parse(response).select(".errorlist")
    return before, stored(obj, name)


def admin_form_field(model, name: str) -> forms.Field:
    request = _as_editor()
    for registered, model_admin in admin.site._registry.items():
        if registered is model:
            return model_admin.get_form(request, None, change=True).base_fields[name]
        for inline in model_admin.get_inline_instances(request):
            if inline.model is model:
                return inline.get_formset(request).form.base_fields[name]
    raise LookupError(name)


def field_id(value) -> str:
    return value._meta.model_name if isinstance(value, type) else value


@pytest.mark.parametrize(
    ("model", "name", "post_name"),
    FIELDS,
    ids=[f"{m._meta.model_name}.{n}" for m, n, _ in FIELDS],
)
def test_a_translator_changes_only_the_translations(
    translator_client, admin_client, model, name, post_name
):
    before, after = change_one_field(
        translator_client, admin_client, model, name, post_name
    )

    if name in translatable_fields(model):
        assert after != before
    else:
        assert after == before


@pytest.mark.parametrize(
    ("model", "name", "post_name"),
    FIELDS,
    ids=[f"{m._meta.model_name}.{n}" for m, n, _ in FIELDS],
)
def test_an_editor_still_changes_every_field(
    editor_client, admin_client, model, name, post_name
):
    before, after = change_one_field(
        editor_client, admin_client, model, name, post_name
    )

    assert after != before


def test_the_fields_cover_every_model_and_the_faq_inline():
    models = {model._meta.model_name for model, _name, _post in FIELDS}

    assert models >= {"post", "page", "program", "faqentry", "image", "partner"}


def test_every_language_is_tried_on_several_fields():
    tried = {
        code: [
            name
            for model, name, _post in FIELDS
            if name in translatable_fields(model, [code])
        ]
        for code in language_codes()
        if code != default_language()
    }

    assert all(len(names) >= 5 for names in tried.values()), tried


def test_a_translator_sees_the_korean_text_but_has_no_input_for_it(translator_client):
    post = factories.PostFactory(title_ko="원래 제목")
    url = reverse("admin:portal_post_change", args=[post.pk])

    page = parse(translator_client.get(url))

    assert page.select_one("[name=title_en]") is not None
    for name in ("title_ko", "slug", "kind", "featured", "video_url", "file"):
        assert page.select_one(f"[name={name}]") is None, name
    assert "원래 제목" in page.get_text()


def test_a_translator_cannot_reorder_in_the_list(translator_client):
    field = factories.PolicyFieldFactory(order=1)

    page = parse(translator_client.get(reverse("admin:portal_policyfield_changelist")))
    translator_client.post(
        reverse("admin:portal_policyfield_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(field.pk),
            "form-0-order": "9",
            "_save": "Save",
        },
    )

    assert page.select_one("[name=form-0-order]") is None
    field.refresh_from_db()
    assert field.order == 1
