"""The admin pages for vendor files: export a selection, upload a returned file,
preview it and apply it. The list of translation files is the history of
uploads. Editors and Translators may use them (migration 0036); what a
Translator exports and imports is limited to their languages."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.admin.vendor_files import applying, selection
from portal.exchange import units as exchange_units
from portal.exchange.units import UnreadableFile
from portal.languages import default_language, direction, language_name
from portal.models import PolicyField, TranslationUpload

FORMATS = [
    ("xliff", _("XLIFF 2 (most translation tools)")),
    ("po", _("PO (gettext)")),
]


def _languages(request) -> list[str]:
    """The target languages ``request.user`` may write in some exportable model."""
    codes: list[str] = []
    for entry in selection.exportable():
        for code in applying.writable_languages(
            request.user, entry.admin_model(), request
        ):
            if code not in codes:
                codes.append(code)
    return [code for code in codes if code != default_language()]


def _visible(request) -> list:
    user = request.user
    return [
        entry
        for entry in selection.exportable()
        if user.has_perm(
            f"{entry.model._meta.app_label}.view_{entry.model._meta.model_name}"
        )
    ]


class ExportForm(forms.Form):
    models = forms.MultipleChoiceField(
        label=_("Content"), widget=forms.CheckboxSelectMultiple
    )
    policy_field = forms.ModelChoiceField(
        label=_("Policy field"),
        queryset=PolicyField.objects.all(),
        required=False,
        empty_label=_("Any"),
        help_text=_("Applies to the content that has a policy field."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=selection.Status.choices,
        initial=selection.Status.ALL,
        help_text=_("Applies to the content that has drafts."),
    )
    state = forms.ChoiceField(
        label=_("Translations"),
        choices=selection.State.choices,
        initial=selection.State.MISSING_OR_STALE,
    )
    languages = forms.MultipleChoiceField(
        label=_("Target languages"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One file per language; several are downloaded as one zip file."),
    )
    file_format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="xliff", widget=forms.RadioSelect
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["models"].choices = [
            (entry.label, capfirst_plural(entry)) for entry in _visible(request)
        ]
        self.fields["languages"].choices = [
            (code, language_name(code)) for code in _languages(request)
        ]

    def selection(self) -> selection.Selection:
        data = self.cleaned_data
        return selection.Selection(
            entries=tuple(selection.entry_for(label) for label in data["models"]),
            policy_field=data["policy_field"],
            status=data["status"],
            state=data["state"],
        )


def capfirst_plural(entry) -> str:
    name = str(entry.model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Translation file"),
        help_text=_(
            "The XLIFF or PO file returned by the translator; it names its "
            "own languages."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = exchange_units.MAX_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is too large: the limit is %(megabytes)s MB.")
                % {"megabytes": limit // (1024 * 1024)}
            )
        data = upload.read()
        try:
            self.returned = applying.read(data)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from None
        self.data_bytes = data
        return upload


@admin.register(TranslationUpload)
class TranslationUploadAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "target_name",
        "uploaded_by",
        "uploaded_at",
        "applied_at",
        "applied_units",
    ]
    list_display_links = None
    list_select_related = ["uploaded_by"]
    change_list_template = "admin/portal/vendor_files/change_list.html"

    def get_queryset(self, request):
        uploads = super().get_queryset(request).defer("data", "units")
        if request.user.has_perm("portal.change_translationupload"):
            return uploads
        return uploads.filter(uploaded_by=request.user)

    @admin.display(description=pgettext_lazy("translation file", "target language"))
    def target_name(self, obj):
        return language_name(obj.target_language)

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="portal_vendor_export"),
            path("upload/", view(self.upload_view), name="portal_vendor_upload"),
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="portal_vendor_preview",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # Adding a translation file is uploading one.
        return self.upload_view(request)

    def _check(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def export_view(self, request):
        self._check(request)
        form = ExportForm(request.GET or None, request=request)
        if form.is_bound and form.is_valid():
            download = selection.export(
                form.selection(),
                targets=form.cleaned_data["languages"],
                file_format=form.cleaned_data["file_format"],
                source=default_language(),
                day=timezone.localdate(),
            )
            if download.units:
                response = HttpResponse(
                    download.data, content_type=download.content_type
                )
                response["Content-Disposition"] = (
                    f'attachment; filename="{download.filename}"'
                )
                return response
            form.add_error(None, gettext("No text matches this selection."))
        return TemplateResponse(
            request,
            "admin/portal/vendor_files/export.html",
            self._context(request, gettext("Export for translation"), form=form),
        )

    def upload_view(self, request):
        self._check(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            returned = form.returned
            upload = TranslationUpload.objects.create(
                uploaded_by=request.user,
                filename=form.cleaned_data["file"].name.replace("\x00", "")[:255],
                file_format=applying.file_format(form.data_bytes),
                source_language=returned.source_language,
                target_language=returned.target_language,
                data=form.data_bytes,
                units=applying.stored(returned),
            )
            return HttpResponseRedirect(
                reverse("admin:portal_vendor_preview", args=[upload.pk])
            )
        return TemplateResponse(
            request,
            "admin/portal/vendor_files/upload.html",
            self._context(
                request,
                gettext("Import a translation file"),
                form=form,
                max_megabytes=exchange_units.MAX_FILE_BYTES // (1024 * 1024),
            ),
        )

    def preview_view(self, request, pk):
        self._check(request)
        upload = get_object_or_404(TranslationUpload, pk=pk)
        if not self.may_handle(request, upload):
            # Another translator's file: neither theirs to read nor to apply.
            raise PermissionDenied
        if request.method == "POST":
            return self._apply(request, upload)
        try:
            result = applying.preview(upload, request)
        except UnreadableFile as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:portal_vendor_upload"))
        target = result.target_language
        return TemplateResponse(
            request,
            "admin/portal/vendor_files/preview.html",
            self._context(
                request,
                gettext("Preview of “%(file)s”") % {"file": upload.filename},
                upload=upload,
                preview=result,
                changed=result.of(applying.CHANGED),
                rejected=result.of(applying.REJECTED),
                unchanged=result.of(applying.UNCHANGED),
                source_name=language_name(result.source_language)
                if result.source_language
                else "—",
                target_name=language_name(target),
                target_code=target,
                target_dir=direction(target),
            ),
        )

    @staticmethod
    def may_handle(request, upload) -> bool:
        """The uploader, and Editors (who may change anyone's upload)."""
        return upload.uploaded_by_id == request.user.pk or request.user.has_perm(
            "portal.change_translationupload"
        )

    def _apply(self, request, upload):
        result = applying.apply(upload, request)
        if result.already:
            messages.warning(
                request,
                gettext("This file was applied already; nothing was changed."),
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s translation applied.",
                    "%(count)s translations applied.",
                    result.units,
                )
                % {"count": result.units},
            )
        return HttpResponseRedirect(
            reverse("admin:portal_translationupload_changelist")
        )
