"""Videos in the desk: the library (upload, words, what the probe found) and the
chooser the story editor opens to put a video in the text (static/desk/elements.js)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html

from newsroom.params import ids_in

from . import services, videos
from .models import Video

CHOOSER_PAGE = 24


class VideoUploadForm(forms.ModelForm):
    upload = videos.VideoFormField(
        label="Video file",
        help_text="MP4 (H.264) or WebM (VP9, AV1); its poster is the frame a second in.",
    )

    class Meta:
        model = Video
        fields = ["upload", "title", "caption", "credit"]


class VideoEditForm(forms.ModelForm):
    class Meta:
        model = Video
        fields = ["title", "caption", "credit"]


def video_card(video: Video) -> dict:
    return {
        "id": video.pk,
        "title": video.title,
        "caption": video.caption,
        "credit": video.credit,
        "thumbnail": video.poster.url if video.poster else "",
        "length": video.length,
        "width": video.width,
        "height": video.height,
    }


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    list_display = ["title", "poster_preview", "length", "frame", "file_size", "created_at"]
    search_fields = ["title", "caption", "credit"]
    readonly_fields = ["poster_preview", "length", "frame", "codecs", "file_size"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = VideoEditForm if obj else VideoUploadForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["upload", "title", "caption", "credit"]
        return ["title", "caption", "credit", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def save_model(self, request, obj, form, change):
        upload = None if change else form.cleaned_data["upload"]
        services.video_save(video=obj, user=request.user, upload=upload)

    @admin.display(description="Poster")
    def poster_preview(self, video):
        if not video.poster:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:80px">', video.poster.url)

    @admin.display(description="Frame")
    def frame(self, video):
        return f"{video.width}×{video.height}"

    @admin.display(description="Codecs")
    def codecs(self, video):
        return f"{video.content_type}: {video.video_codec}" + (
            f", {video.audio_codec}" if video.audio_codec else ", no sound"
        )

    @admin.display(description="Size")
    def file_size(self, video):
        return filesizeformat(video.size)

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.chooser_view)
        return [path("chooser/", chooser, name="articles_video_chooser"), *super().get_urls()]

    def chooser_view(self, request):
        if request.method == "POST":
            return self._upload(request)
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = Video.objects.all()
        if request.GET.get("ids"):
            wanted = ids_in(request.GET["ids"], 100)
            chosen = found.in_bulk(wanted)
            return JsonResponse(
                {"results": [video_card(chosen[pk]) for pk in wanted if pk in chosen]}
            )
        query = request.GET.get("q", "").strip()[:200]
        if query:
            found = found.filter(
                models.Q(title__icontains=query) | models.Q(caption__icontains=query)
            )
        page = Paginator(found, CHOOSER_PAGE).get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "results": [video_card(video) for video in page],
                "page": page.number,
                "next": page.next_page_number() if page.has_next() else None,
                "can_upload": self.has_add_permission(request),
                "can_probe": videos.ffmpeg_available(),
            }
        )

    def _upload(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = VideoUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        try:
            video = services.video_save(
                video=form.save(commit=False), user=request.user, upload=form.cleaned_data["upload"]
            )
        except ValidationError as error:
            return JsonResponse({"errors": {"upload": error.messages}}, status=400)
        self.log_addition(request, video, "Uploaded from the story editor")
        return JsonResponse(video_card(video), status=201)
