"""The image chooser the body editor opens: the library as a page of thumbnails.

django-prose-editor's image dialog has a "Browse…" button that opens a picker
page in a pop-up and takes its answer the way CKEditor's file browsers give it
(``window.opener.CKEDITOR.tools.callFunction``): the image's address, its id
(stored on the ``<img>`` as ``data-file``) and the alt text and caption to fill
in. Each editor asks for its own language (portal.text.rich.editor_extensions).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.admin.images import thumbnail
from portal.languages import current_language, language_codes

PER_PAGE = 24


def choose_image(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    language = request.GET.get("language")
    if language not in language_codes():
        language = current_language()
    query = request.GET.get("q", "").strip()
    images = model_admin.get_queryset(request)
    if query:
        images, _duplicates = model_admin.get_search_results(request, images, query)
    page = Paginator(images, PER_PAGE).get_page(request.GET.get("page"))
    choices = [
        {
            "image": image,
            "thumbnail": thumbnail(image),
            "alt": image.translation_value("alt_text", language),
            "caption": image.translation_value("caption", language),
        }
        for image in page
    ]
    # The pop-up keeps these through searches and pages.
    kept = {
        key: request.GET[key]
        for key in ("CKEditorFuncNum", "language")
        if request.GET.get(key)
    }
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Choose an image"),
        "opts": model_admin.opts,
        "is_popup": True,
        "query": query,
        "page": page,
        "choices": choices,
        "kept": kept,
    }
    return TemplateResponse(request, "admin/portal/image/choose.html", context)
