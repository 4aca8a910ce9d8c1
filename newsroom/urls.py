from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.NEWSROOM_NAME} desk"
admin.site.site_title = f"{settings.NEWSROOM_NAME} desk"
admin.site.index_title = "Stories and the newsroom"

# A database that does not answer is a 503 with Retry-After, not a 500.
handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api_urls")),
    path("", include("articles.urls")),
]

# Uploaded images in local development; production serves media from its web server or
# object storage. static() adds nothing when DEBUG is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
