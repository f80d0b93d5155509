from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django.views.static import serve

from portal.models import Category, Partner, Post, Program


def home(request):
    posts = Post.objects.published().for_listing()
    return render(
        request,
        "portal/home.html",
        {
            "latest_news": posts.of_kind(Post.Kind.NEWS)[:4],
            "latest_videos": posts.of_kind(Post.Kind.VIDEO)[:3],
            "latest_publications": posts.of_kind(Post.Kind.PUBLICATION)[:3],
            "programs": Program.objects.published()[:4],
            "partners": Partner.objects.all(),
        },
    )


class PostListView(ListView):
    """A paginated list of one kind of post, optionally narrowed to a policy field."""

    kind = Post.Kind.NEWS
    paginate_by = 12
    template_name = "portal/post_list.html"

    def get_queryset(self):
        posts = Post.objects.published().of_kind(self.kind).for_listing()
        self.category = None
        field = self.request.GET.get("field", "")
        if field:
            self.category = Category.objects.filter(slug=field).first()
            posts = posts.filter(category=self.category) if self.category else posts
        return posts

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            kind_label=Post.Kind(self.kind).label,
            category=self.category,
            categories=Category.objects.all(),
            **kwargs,
        )


class NewsListView(PostListView):
    kind = Post.Kind.NEWS


class VideoListView(PostListView):
    kind = Post.Kind.VIDEO


class PublicationListView(PostListView):
    kind = Post.Kind.PUBLICATION


class PostDetailView(DetailView):
    def get_queryset(self):
        return Post.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        post = self.object
        return super().get_context_data(
            previous_post=post.previous_post(),
            next_post=post.next_post(),
            related_posts=post.related_posts(),
            **kwargs,
        )


class ProgramListView(ListView):
    def get_queryset(self):
        return Program.objects.published()


class ProgramDetailView(DetailView):
    def get_queryset(self):
        return Program.objects.published().prefetch_related(
            "faq_entries",
            Prefetch("related_posts", queryset=Post.objects.published().for_listing()),
        )


@method_decorator(never_cache, name="dispatch")
class PreviewMixin(PermissionRequiredMixin):
    """Staff see any item, draft or scheduled, as it will look; marked as a preview,
    never cached and never indexed."""

    raise_exception = False

    def get_permission_required(self):
        opts = self.get_queryset().model._meta
        return [f"{opts.app_label}.view_{opts.model_name}"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PostPreviewView(PreviewMixin, PostDetailView):
    def get_queryset(self):
        return Post.objects.for_listing()


class ProgramPreviewView(PreviewMixin, ProgramDetailView):
    def get_queryset(self):
        return Program.objects.prefetch_related("faq_entries", "related_posts")


def partner_list(request):
    partners = Partner.objects.all()
    groups = [
        (label, [partner for partner in partners if partner.group == value])
        for value, label in Partner.Group.choices
    ]
    return render(
        request,
        "portal/partner_list.html",
        {"groups": [(label, members) for label, members in groups if members]},
    )


def about(request):
    return render(request, "portal/about.html")


def serve_media(request, path):
    """Uploaded files, for single-host sites (DJANGO_SERVE_MEDIA). Uploads are
    checked on the way in (portal.uploads) and stored under random names;
    serve() refuses paths that leave MEDIA_ROOT."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
