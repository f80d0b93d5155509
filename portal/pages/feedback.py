"""The page satisfaction question at the foot of every page (portal.models.feedback).

The form sits in pages the page cache stores for every visitor, so it carries no
CSRF token: a token comes with a cookie, which would keep the page out of the
cache, or hand one visitor's token to the next. An answer carries no authority
(no account, no session), so what Django's CSRF check would prevent, another site
making visitors' browsers send answers, is stopped by the browser's own word on
where the form came from (``Sec-Fetch-Site``, else ``Origin``, the headers
Django's check reads first), and floods by a per-address limit.

After an answer the visitor is sent back to the page with ``feedback=thanks``, a
parameter no view declares: the page cache neither serves nor stores that copy
(portal.middleware.page_cache), and the page thanks them where the form was.
A refused answer (a missing rating, a comment too long, too many answers) is a
400 or 429 page that shows why, with the form and everything typed in it.
"""

from django import forms
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.middleware.client_ip import client_ip
from portal.models import PageFeedback
from portal.pages.limits import over_limit
from portal.pages.origins import from_this_site

THANKS = ("feedback", "thanks")
ANSWERS_PER_HOUR = 10
PAGE_LENGTH = 300
# Pages that are not answered about: previews, and this form's own page.
NOT_ASKED = ("page_feedback",)


class PageFeedbackForm(forms.ModelForm):
    page = forms.CharField(max_length=PAGE_LENGTH * 2, widget=forms.HiddenInput)
    # Without an empty choice, which a model field's form field would add.
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        choices=PageFeedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PageFeedback
        fields = ["rating", "comment"]
        labels = {"comment": gettext_lazy("What could be better? (optional)")}

    def clean_page(self) -> str:
        """The address of a page of this portal, with its query; anything else
        (another site, a made-up path, the admin) is refused."""
        page = self.cleaned_data["page"]
        path = page.split("?", 1)[0]
        language = get_language_from_path(path)
        if not path.startswith("/") or path.startswith("//") or not language:
            raise forms.ValidationError(_("This is not a page of the portal."))
        try:
            # i18n_patterns match the active language's prefix only.
            with translation.override(language):
                match = resolve(path)
        except Resolver404:
            match = None
        if (
            match is None
            or match.namespace != "portal"
            or match.url_name in NOT_ASKED
            # A request's private page: its address is a secret, not stored.
            or getattr(match.func, "private_link", False)
            or match.url_name.endswith("_preview")
            or len(path) - len(language) - 1 > PAGE_LENGTH
        ):
            raise forms.ValidationError(_("This is not a page of the portal."))
        self.instance.language = language
        self.instance.path = path[len(language) + 1 :]
        return page


def _over_limit(request) -> bool:
    return over_limit(
        "feedback", client_ip(request), limit=ANSWERS_PER_HOUR, seconds=3600
    )


def thanks_address(page: str) -> str:
    path, _sep, query = page.partition("?")
    params = QueryDict(query, mutable=True)
    params.pop(THANKS[0], None)
    params[THANKS[0]] = THANKS[1]
    return f"{path}?{params.urlencode()}#page-feedback"


def _refused(request, form, status: int, reason: str = ""):
    return render(
        request,
        "portal/feedback.html",
        {
            "heading": _("Your answer was not saved"),
            "form": form,
            "reason": reason,
            "back": form.cleaned_data.get("page") if form.is_bound else "",
            "is_feedback_page": True,
        },
        status=status,
    )


@csrf_exempt
def page_feedback(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PageFeedbackForm(request.POST)
    if not from_this_site(request):
        form.is_valid()
        return _refused(
            request, form, 403, _("The form was sent from another website.")
        )
    if not form.is_valid():
        return _refused(request, form, 400)
    if _over_limit(request):
        return _refused(
            request,
            form,
            429,
            _(
                "Many answers came from your network in the last hour. Please try "
                "again later."
            ),
        )
    form.save()
    # 303: the page is fetched with GET, and a reload does not send the answer again.
    response = redirect(thanks_address(form.cleaned_data["page"]))
    response.status_code = 303
    return response
