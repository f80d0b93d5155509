import errno
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.sites.requests import RequestSite
from django.core.paginator import InvalidPage
from django.db.models import Prefetch
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django.views.static import serve

from portal.error_pages import without_request
from portal.freshness import with_notice
from portal.languages import current_language, language_codes, localized_all
from portal.models import Page, Partner, PolicyCase, PolicyField, Post, Program
from portal.pages.filters import (
    ALL,
    OLD_PARAMETER,
    PARAMETER,
    FilterChoices,
    PostFilters,
)
from portal.pages.privacy import request_data
from portal.pages.results import remembered
from portal.pages.sitemaps import (
    RENAMED,
    index_entries,
    index_xml,
    sections,
    urlset_xml,
)
from portal.pagination import window
from portal.params import reads_query
from portal.search import search
from portal.uploads.checks import MAX_REQUEST_BYTES

HOME_CASES = 4
HOME_PARTNERS = 12
PARTNERS_PER_PAGE = 50


def _home_sections(lang: str) -> dict:
    latest, elsewhere, feature = Post.latest_by_kind(
        {Post.Kind.NEWS: 4, Post.Kind.VIDEO: 3, Post.Kind.PUBLICATION: 3},
        lang=lang,
        featured=True,
    )
    videos = latest[Post.Kind.VIDEO]
    return {
        "latest_news": latest[Post.Kind.NEWS],
        "latest_videos": videos,
        # Announced videos are not a row of empty players: one line says so.
        "videos_coming": bool(videos) and all(post.is_coming for post in videos),
        "latest_publications": latest[Post.Kind.PUBLICATION],
        # Posts only in other languages, in a group of their own after the rest;
        # a kind with nothing in this language has no section of its own.
        "elsewhere": sorted(
            (
                post
                for posts in elsewhere.values()
                for post in posts
                if not post.is_coming
            ),
            key=attrgetter("published_at", "pk"),
            reverse=True,
        ),
        "only_elsewhere": {
            kind for kind, posts in elsewhere.items() if posts and not latest[kind]
        },
        "nothing_local": not any(latest.values()),
        # The archive is the heart of the site: its newest cases stand where
        # the programmes stood (the home page's five queries hold one more
        # list); each case links its programmes, and the menu lists them all.
        "cases": list(
            PolicyCase.objects.published()
            .for_cards()
            .written_in_first(lang)[:HOME_CASES]
        ),
        # A strip, not the directory: "All partners" links to the full list.
        "partners": list(Partner.objects.all()[:HOME_PARTNERS]),
        "feature": feature,
    }


def home(request):
    lang = current_language()
    sections = remembered(request, ("home", lang), lambda: _home_sections(lang))
    return render(request, "portal/home.html", sections)


def _every_kind_list(query, *, default: str) -> str:
    """Where an old "every kind" link leads: the policy field's own page, which
    lists every kind of its posts, or ``default`` when it named no field."""
    if fields := query.pop(PARAMETER, None):
        try:
            return reverse("portal:policy_field_detail", kwargs={"slug": fields[-1]})
        except NoReverseMatch:
            pass
    return default


class LanguageFirstPages:
    """A filtered list's pages (``self.filters``): what the visitor can read
    first, what is only in other languages after it, as a group of its own
    (portal/includes/list_results.html); each page remembered."""

    list_name = ""

    def paginate_queryset(self, queryset, page_size):
        number, lang = self.request.GET.get("page"), current_language()
        key = (self.list_name, lang, self.filters.key(), str(number), page_size)
        page = remembered(
            self.request,
            key,
            lambda: window(
                queryset.written_in_first(lang),
                number,
                page_size,
                then=attrgetter("elsewhere"),
            ),
        )
        return None, page, page.object_list, page.has_other_pages()


@reads_query("kind", PARAMETER, "year", "page")
class PostListView(LanguageFirstPages, ListView):
    """Published posts of one kind (or all), narrowed by the filters in the URL."""

    kind = Post.Kind.NEWS
    paginate_by = 12
    template_name = "portal/post_list.html"
    list_name = "post list"

    def get(self, request, *args, **kwargs):
        path, query = request.path, request.GET.copy()
        if OLD_PARAMETER in query:
            # Links written before the parameter took the policy field's name.
            query.setlist(PARAMETER, query.pop(OLD_PARAMETER))
        if self.kind != ALL and "kind" in query:
            # Each kind has its own list; the news list's kind chips showed the
            # same posts at a second address. Their links lead to that list.
            kind = query.pop("kind")[-1]
            if kind == ALL:
                query.pop("page", None)  # every kind's page 2 is not the news'
                path = _every_kind_list(query, default=Post.list_url(self.kind))
            else:
                known = kind in Post.Kind.values
                path = Post.list_url(kind if known else self.kind)
        if query != request.GET:
            address = f"{path}?{query.urlencode()}" if query else path
            return redirect(address, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_policy_field(self, choices: FilterChoices):
        return None

    def get_queryset(self):
        choices = remembered(self.request, ("filter choices",), FilterChoices.load)
        self.filters = PostFilters.from_query(
            self.request.GET,
            default_kind=self.kind,
            policy_field=self.get_policy_field(choices),
            choices=choices,
        )
        # published() last: SQLite scans the date index from the first upper bound
        # on the date it is given, and a year's end must come before "now".
        return self.filters.apply(Post.objects.for_cards()).published()

    def get_heading(self):
        kind = self.filters.kind
        return Post.plural_label(kind) if kind != ALL else _("News and resources")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.get_heading(),
            filters=self.filters,
            show_kind_filter=self.kind == ALL,
            **kwargs,
        )


class NewsListView(PostListView):
    kind = Post.Kind.NEWS


class VideoListView(PostListView):
    kind = Post.Kind.VIDEO


class PublicationListView(PostListView):
    kind = Post.Kind.PUBLICATION


class PolicyFieldPostListView(PostListView):
    """A policy field's page: everything published in it, of every kind."""

    kind = ALL

    def get_policy_field(self, choices: FilterChoices):
        for policy_field in choices.policy_fields:
            if policy_field.slug == self.kwargs["slug"]:
                return policy_field
        raise Http404("No policy field at this address.")

    def get_heading(self):
        return self.filters.policy_field.name


class PostPageMixin:
    """What a post's page shows beside the post: its neighbours, related posts
    and the policy cases it is about."""

    def get_context_data(self, **kwargs):
        post = self.object

        def beside():
            return (*post.neighbours(), post.related_posts())

        previous_post, next_post, related = remembered(
            self.request, ("beside post", post.pk), beside
        )
        return super().get_context_data(
            previous_post=previous_post,
            next_post=next_post,
            related_posts=related,
            policy_cases=PolicyCase.linked(post.policy_cases_json),
            **kwargs,
        )

    @staticmethod
    def with_cases(posts, cases):
        """``posts`` with the policy cases about each (of ``cases``), read in
        the post's own query."""
        return posts.annotate(policy_cases_json=cases.linked_through("related_posts"))


class OutdatedNotice:
    """An item's page: its query also says whether the translation shown is
    out of date (portal.freshness), so the line costs no query of its own."""

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        return super().get_object(with_notice(queryset, current_language()))


class PostDetailView(OutdatedNotice, PostPageMixin, DetailView):
    def get_queryset(self):
        return self.with_cases(
            Post.objects.published().for_page(), PolicyCase.objects.published()
        )


class PostPlayView(PostDetailView):
    """A video post with its player: the page the play control links to.

    The third-party player loads only here, after a visitor asked for it, and
    the post's own page makes no request to the video host. A plain link, so it
    works without JavaScript; the page is not indexed (it is the post again).
    """

    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if not post.player_url:
            raise Http404("This post has no video to play.")
        return post

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_playing=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


class ProgramListView(ListView):
    def get_queryset(self):
        return Program.objects.published().select_related("lead_image")

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Programs"), **kwargs)


class ProgramDetailView(OutdatedNotice, DetailView):
    def get_queryset(self):
        return (
            Program.objects.published()
            .select_related("lead_image")
            .prefetch_related(
                "faq_entries",
                Prefetch(
                    "related_posts", queryset=Post.objects.published().for_cards()
                ),
                Prefetch(
                    "policy_cases",
                    queryset=PolicyCase.objects.published().for_links(),
                ),
            )
        )


@method_decorator(never_cache, name="dispatch")
class PreviewMixin(PermissionRequiredMixin):
    """Staff see any item, draft or scheduled, as it will look; marked as a preview,
    never cached and never indexed.

    Anyone else is told there is nothing here: a redirect to the sign-in page
    would name the admin's address, which may be a secret (DJANGO_ADMIN_PATH),
    and a 403 would confirm that the draft exists.
    """

    def get_permission_required(self):
        opts = self.get_queryset().model._meta
        return [f"{opts.app_label}.view_{opts.model_name}"]

    def handle_no_permission(self):
        raise Http404("No preview at this address.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PostPreviewView(PreviewMixin, PostPageMixin, DetailView):
    def get_queryset(self):
        return self.with_cases(Post.objects.for_page(), PolicyCase.objects.all())


class ProgramPreviewView(PreviewMixin, ProgramDetailView):
    def get_queryset(self):
        return Program.objects.select_related("lead_image").prefetch_related(
            "faq_entries",
            Prefetch("related_posts", queryset=Post.objects.for_cards()),
            Prefetch("policy_cases", queryset=PolicyCase.objects.for_links()),
        )


@reads_query("page")
def partner_list(request):
    """The partner directory, a page at a time: the seeds hold hundreds of cities,
    and one page of all of them grew slow with the directory
    (docs/performance.md)."""
    page = window(
        Partner.objects.in_directory_order(), request.GET.get("page"), PARTNERS_PER_PAGE
    )
    labels = dict(Partner.Group.choices)
    groups = [
        (labels.get(group, group), list(members))
        for group, members in groupby(page.object_list, key=attrgetter("group"))
    ]
    return render(
        request,
        "portal/partner_list.html",
        {"heading": _("Partners"), "groups": groups, "page_obj": page},
    )


@reads_query("q", "page")
def search_view(request):
    query, page = request.GET.get("q", ""), request.GET.get("page")
    # Per language: titles and snippets fall back along its chain.
    key = ("search", get_language(), query[:200], str(page))
    results = remembered(request, key, lambda: search(query, page))
    return render(
        request,
        "portal/search.html",
        {"results": results, "heading": _("Search")},
    )


def about(request):
    return render(request, "portal/about.html", {"heading": _("About this portal")})


class PageDetailView(OutdatedNotice, DetailView):
    """A standing page: privacy, copyright, accessibility and the like."""

    def get_queryset(self):
        return Page.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            request_data=request_data(self.object), **kwargs
        )


def _sitemap_sections() -> dict:
    return {
        "programs": list(
            Program.objects.published().only("slug", *localized_all("name"))
        ),
        "policy_fields": [
            field
            for field in PolicyField.objects.with_published_kinds()
            if field.has_published(ALL)
        ],
        "pages": list(Page.objects.in_footer().only("slug", *localized_all("title"))),
    }


def sitemap_page(request):
    """The sitemap for people: every section and standing page on one page."""
    sections = remembered(request, ("sitemap page",), _sitemap_sections)
    return render(request, "portal/sitemap.html", {"heading": _("Sitemap"), **sections})


def serve_media(request, path):
    """Uploaded files, for single-host sites (DJANGO_SERVE_MEDIA). Uploads are
    checked on the way in (portal.uploads.checks) and stored under random names;
    serve() refuses paths that leave MEDIA_ROOT. Whatever a file holds, it is
    never run as a page of this site: the same sandbox the nginx file sends."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name longer than the file system allows names no file.
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404("No such file.") from error
    response["Content-Security-Policy"] = settings.MEDIA_CONTENT_SECURITY_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def robots_txt(request):
    """Keep crawlers out of previews and point them at the sitemap. The admin is
    not named here: its address may be a secret (AdminNoIndexMiddleware)."""
    lines = [
        "User-agent: *",
        *(f"Disallow: /{code}/preview/" for code in language_codes()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def sitemap_index(request):
    """The files of every sitemap section, with the date each last changed."""
    files = []
    for section, page, latest in index_entries():
        path = reverse("sitemap_section", kwargs={"section": section})
        address = request.build_absolute_uri(path + (f"?p={page}" if page > 1 else ""))
        files.append((address, latest))
    return HttpResponse(index_xml(files), content_type="application/xml")


@reads_query("p")
def sitemap_section(request, section):
    """One page (``?p=``) of one section of the sitemap index."""
    if section in RENAMED:
        path = reverse("sitemap_section", kwargs={"section": RENAMED[section]})
        query = request.META.get("QUERY_STRING", "")
        return redirect(path + (f"?{query}" if query else ""), permanent=True)
    sitemap = sections().get(section)
    if sitemap is None:
        raise Http404("No sitemap section by that name.")
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1),
            # The host the request came to, not the sites framework's Site
            # (there for the redirects), which names no particular host.
            site=RequestSite(request),
            protocol=request.scheme,
        )
    except InvalidPage as error:
        raise Http404(str(error)) from error
    response = HttpResponse(urlset_xml(urls), content_type="application/xml")
    if sitemap.latest_lastmod:
        response["Last-Modified"] = http_date(sitemap.latest_lastmod.timestamp())
    return response


def bad_request(request, exception):
    """400, rendered without the request: its Host header may be the problem."""
    limit = filesizeformat(MAX_REQUEST_BYTES)
    return HttpResponseBadRequest(without_request("400.html", limit=limit))


def page_not_found(request, exception):
    """404 as every page, but naming no canonical address or alternates: an
    address that answers 404 is no page's canonical."""
    html = render_to_string("404.html", {"canonical_url": ""}, request)
    return HttpResponseNotFound(html)


def server_error(request):
    """500, rendered without the request: whatever failed may fail again."""
    return HttpResponseServerError(without_request("500.html"))


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them the icon."""
    return redirect(static("portal/img/favicon.svg"))
