from django.urls import path

from pagecache.decorators import public

from . import api

app_name = "api"

urlpatterns = [
    path("", public(api.index), name="index"),
    path("feed/", public(api.feed, params=api.FEED_PARAMS), name="feed"),
    path("stories/<int:pk>/", public(api.story), name="story"),
    path(
        "stories/<int:pk>/entries/",
        public(api.story_entries, params=api.ENTRY_PARAMS),
        name="story-entries",
    ),
    path("openapi.json", public(api.openapi), name="openapi"),
]
