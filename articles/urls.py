from django.urls import path

from pagecache.decorators import public

from . import feeds, views
from .pagination import CURSOR

app_name = "articles"

urlpatterns = [
    path("", public(views.HomeView.as_view()), name="home"),
    path("news/", public(views.AllNewsView.as_view(), params=CURSOR), name="all-news"),
    path("news/rss/", public(feeds.AllNewsFeed()), name="all-news-rss"),
    path("news/atom/", public(feeds.atom(feeds.AllNewsFeed)()), name="all-news-atom"),
    path("news/<int:pk>/", views.story_by_id, name="story-short"),
    path(
        "news/<int:pk>/updates/",
        public(views.story_updates, params=("before",)),
        name="story-updates",
    ),
    path("news/<int:pk>/<str:slug>/", public(views.StoryDetailView.as_view()), name="story"),
    path(
        "sections/<slug:slug>/", public(views.SectionView.as_view(), params=CURSOR), name="section"
    ),
    path("sections/<slug:slug>/rss/", public(feeds.SectionFeed()), name="section-rss"),
    path(
        "sections/<slug:slug>/atom/", public(feeds.atom(feeds.SectionFeed)()), name="section-atom"
    ),
    path("themes/<slug:slug>/", public(views.ThemeView.as_view(), params=CURSOR), name="theme"),
    path("themes/<slug:slug>/rss/", public(feeds.ThemeFeed()), name="theme-rss"),
    path("themes/<slug:slug>/atom/", public(feeds.atom(feeds.ThemeFeed)()), name="theme-atom"),
    path("sources/<slug:slug>/", public(views.SourceView.as_view(), params=CURSOR), name="source"),
    path("sources/<slug:slug>/rss/", public(feeds.SourceFeed()), name="source-rss"),
    path("sources/<slug:slug>/atom/", public(feeds.atom(feeds.SourceFeed)()), name="source-atom"),
    path("tags/<slug:slug>/", public(views.TagView.as_view(), params=CURSOR), name="tag"),
    path("tags/<slug:slug>/rss/", public(feeds.TagFeed()), name="tag-rss"),
    path("tags/<slug:slug>/atom/", public(feeds.atom(feeds.TagFeed)()), name="tag-atom"),
    path(
        "search/",
        public(views.SearchView.as_view(), params=views.SearchView.params),
        name="search",
    ),
    path("robots.txt", public(views.robots_txt), name="robots"),
    path("sitemap.xml", public(views.sitemap_index), name="sitemap"),
    path(
        "sitemap-<str:section>.xml",
        public(views.sitemap_section, params=["p"]),  # Django's sitemap pages
        name="sitemap-section",
    ),
    # Shared blocks (pagecache/blocks.py), included in the pages that show them.
    path("_blocks/more-news/<int:limit>/", public(views.more_news_block), name="block-more-news"),
    path(
        "_blocks/more-news/<int:limit>/<str:exclude>/",
        public(views.more_news_block),
        name="block-more-news",
    ),
    path("_blocks/latest/", public(views.latest_block), name="block-latest"),
    path("preview/<int:pk>/", views.story_preview, name="preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared-preview"),
]
