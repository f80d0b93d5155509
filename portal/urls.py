from django.urls import path

from portal import views
from portal.feeds import PostsAtomFeed, PostsRssFeed

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.NewsListView.as_view(), name="post_list"),
    path("videos/", views.VideoListView.as_view(), name="video_list"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("posts/<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path(
        "programs/<slug:slug>/",
        views.ProgramDetailView.as_view(),
        name="program_detail",
    ),
    path(
        "fields/<slug:slug>/",
        views.CategoryPostListView.as_view(),
        name="category_detail",
    ),
    path("feeds/rss/", PostsRssFeed(), name="feed_rss"),
    path("feeds/atom/", PostsAtomFeed(), name="feed_atom"),
    path("fields/<slug:slug>/rss/", PostsRssFeed(), name="field_feed_rss"),
    path("fields/<slug:slug>/atom/", PostsAtomFeed(), name="field_feed_atom"),
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
    path("search/", views.search_view, name="search"),
]
