"""The policy case archive: the list, with its filters, and a case's page."""

from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from portal.models import PolicyCase, Post, Program
from portal.pages.case_filters import GOAL, PHASE, YEAR, CaseFilterChoices, CaseFilters
from portal.pages.filters import PARAMETER
from portal.pages.results import remembered
from portal.pages.views import LanguageFirstPages, OutdatedNotice, PreviewMixin
from portal.params import reads_query


@reads_query(PARAMETER, PHASE, YEAR, GOAL, "page")
class CaseListView(LanguageFirstPages, ListView):
    paginate_by = 12
    list_name = "case list"
    template_name = "portal/case_list.html"

    def get_queryset(self):
        choices = remembered(
            self.request, ("case filter choices",), CaseFilterChoices.load
        )
        self.filters = CaseFilters.from_query(self.request.GET, choices)
        return self.filters.apply(PolicyCase.objects.for_cards()).published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Policy cases"), filters=self.filters, **kwargs
        )


class CaseDetailView(OutdatedNotice, DetailView):
    model = PolicyCase
    context_object_name = "case"
    template_name = "portal/case_detail.html"

    def get_queryset(self):
        return PolicyCase.objects.published().for_page(
            Post.objects.published().for_cards(), Program.objects.published()
        )

    def get_context_data(self, **kwargs):
        posts = list(self.object.related_posts.all())
        return super().get_context_data(
            related_news=[post for post in posts if post.kind == Post.Kind.NEWS],
            related_videos=[post for post in posts if post.is_video],
            related_publications=[post for post in posts if post.is_publication],
            **kwargs,
        )


class CasePreviewView(PreviewMixin, CaseDetailView):
    def get_queryset(self):
        return PolicyCase.objects.for_page(
            Post.objects.for_cards(), Program.objects.all()
        )
