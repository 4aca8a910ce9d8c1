from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.AllNewsView.as_view(), name="all-news"),
    path("news/rss/", feeds.AllNewsFeed(), name="all-news-rss"),
    path("news/atom/", feeds.atom(feeds.AllNewsFeed)(), name="all-news-atom"),
    path("news/<int:pk>/", views.story_by_id, name="story-short"),
    path("news/<int:pk>/<str:slug>/", views.StoryDetailView.as_view(), name="story"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section-rss"),
    path("sections/<slug:slug>/atom/", feeds.atom(feeds.SectionFeed)(), name="section-atom"),
    path("themes/<slug:slug>/", views.ThemeView.as_view(), name="theme"),
    path("themes/<slug:slug>/rss/", feeds.ThemeFeed(), name="theme-rss"),
    path("themes/<slug:slug>/atom/", feeds.atom(feeds.ThemeFeed)(), name="theme-atom"),
    path("sources/<slug:slug>/", views.SourceView.as_view(), name="source"),
    path("sources/<slug:slug>/rss/", feeds.SourceFeed(), name="source-rss"),
    path("sources/<slug:slug>/atom/", feeds.atom(feeds.SourceFeed)(), name="source-atom"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<slug:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("tags/<slug:slug>/atom/", feeds.atom(feeds.TagFeed)(), name="tag-atom"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("preview/<int:pk>/", views.story_preview, name="preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared-preview"),
]
