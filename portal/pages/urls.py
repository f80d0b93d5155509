from django.urls import path
from django.views.generic import RedirectView

from portal.pages import cases, feedback, inquiries, views
from portal.pages.feeds import CasesAtomFeed, CasesRssFeed, PostsAtomFeed, PostsRssFeed

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.NewsListView.as_view(), name="post_list"),
    path("videos/", views.VideoListView.as_view(), name="video_list"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("posts/<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
    path("posts/<slug:slug>/play/", views.PostPlayView.as_view(), name="post_play"),
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path(
        "programs/<slug:slug>/",
        views.ProgramDetailView.as_view(),
        name="program_detail",
    ),
    path("cases/", cases.CaseListView.as_view(), name="policy_case_list"),
    path("cases/rss/", CasesRssFeed(), name="policy_case_feed_rss"),
    path("cases/atom/", CasesAtomFeed(), name="policy_case_feed_atom"),
    path(
        "cases/<slug:slug>/", cases.CaseDetailView.as_view(), name="policy_case_detail"
    ),
    path(
        "preview/cases/<int:pk>/",
        cases.CasePreviewView.as_view(),
        name="policy_case_preview",
    ),
    path(
        "policy-fields/<slug:slug>/",
        views.PolicyFieldPostListView.as_view(),
        name="policy_field_detail",
    ),
    path("feeds/rss/", PostsRssFeed(), name="feed_rss"),
    path("feeds/atom/", PostsAtomFeed(), name="feed_atom"),
    path(
        "policy-fields/<slug:slug>/rss/",
        PostsRssFeed(),
        name="policy_field_feed_rss",
    ),
    path(
        "policy-fields/<slug:slug>/atom/",
        PostsAtomFeed(),
        name="policy_field_feed_atom",
    ),
    # Addresses from before the policy field had one name everywhere.
    *(
        path(
            f"fields/<slug:slug>/{suffix}",
            RedirectView.as_view(pattern_name=name, permanent=True, query_string=True),
        )
        for suffix, name in (
            ("", "portal:policy_field_detail"),
            ("rss/", "portal:policy_field_feed_rss"),
            ("atom/", "portal:policy_field_feed_atom"),
        )
    ),
    path("partners/", views.partner_list, name="partner_list"),
    path(
        "preview/posts/<int:pk>/", views.PostPreviewView.as_view(), name="post_preview"
    ),
    path(
        "preview/programs/<int:pk>/",
        views.ProgramPreviewView.as_view(),
        name="program_preview",
    ),
    path("about/", views.about, name="about"),
    path("pages/<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
    path("sitemap/", views.sitemap_page, name="sitemap_page"),
    path("search/", views.search_view, name="search"),
    path("feedback/", feedback.page_feedback, name="page_feedback"),
    path("ask/", inquiries.inquiry_form, name="inquiry_form"),
    path("ask/withdrawn/", inquiries.inquiry_withdrawn, name="inquiry_withdrawn"),
    path("ask/<slug:token>/", inquiries.inquiry_status, name="inquiry_status"),
    path("ask/<slug:token>/sent/", inquiries.inquiry_sent, name="inquiry_sent"),
    path(
        "ask/<slug:token>/withdraw/",
        inquiries.inquiry_withdraw,
        name="inquiry_withdraw",
    ),
]
