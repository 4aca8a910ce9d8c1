from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.AllNewsView.as_view(), name="all-news"),
    path("news/<int:pk>/", views.story_by_id, name="story-short"),
    path("news/<int:pk>/<str:slug>/", views.StoryDetailView.as_view(), name="story"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("themes/<slug:slug>/", views.ThemeView.as_view(), name="theme"),
    path("sources/<slug:slug>/", views.SourceView.as_view(), name="source"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("preview/<int:pk>/", views.story_preview, name="preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared-preview"),
]
