"""The picture library in the desk, and the chooser the story editor opens to put a
picture in the text: search with thumbnails, or an upload on the spot.

The chooser answers JSON to static/desk/elements.js. Reading it needs the permission to
view pictures, uploading the permission to add them, as for the library's own pages;
an upload goes through the same form field checks and `services.image_save`."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from newsroom.params import ids_in

from . import services
from .images import PictureFormField
from .models import Image

CHOOSER_PAGE = 24
QUERY_MAX = 200


class ImageUploadForm(forms.ModelForm):
    file = PictureFormField()

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]


def picture_card(image: Image) -> dict:
    """What the editor shows of a picture: a small rendition and its words."""
    return {
        "id": image.pk,
        "thumbnail": image.thumbnail_url,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
    }


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    formfield_overrides = {models.ImageField: {"form_class": PictureFormField}}
    list_display = ["thumbnail", "caption", "credit", "width", "height", "created_at"]
    search_fields = ["caption", "alt_text", "credit"]
    readonly_fields = ["thumbnail", "width", "height"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_change_image(request.user, obj))

    def save_model(self, request, obj, form, change):
        services.image_save(image=obj, user=request.user, changed=form.changed_data)

    @admin.display(description="Picture")
    def thumbnail(self, image):
        if not image.file:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:80px">', image.thumbnail_url)

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.chooser_view)
        return [path("chooser/", chooser, name="articles_image_chooser"), *super().get_urls()]

    def chooser_view(self, request):
        if request.method == "POST":
            return self._upload(request)
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.order_by("-created_at", "-pk")
        if request.GET.get("ids"):
            # The editor's previews of pictures already in a body: these, whatever page.
            wanted = ids_in(request.GET["ids"], 100)
            found = images.in_bulk(wanted)
            return JsonResponse(
                {"results": [picture_card(found[pk]) for pk in wanted if pk in found]}
            )
        query = request.GET.get("q", "").strip()[:QUERY_MAX]
        if query:
            images = images.filter(
                models.Q(caption__icontains=query)
                | models.Q(alt_text__icontains=query)
                | models.Q(credit__icontains=query)
            )
        page = Paginator(images, CHOOSER_PAGE).get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "results": [picture_card(image) for image in page],
                "page": page.number,
                "next": page.next_page_number() if page.has_next() else None,
                "can_upload": self.has_add_permission(request),
            }
        )

    def _upload(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        image = form.save(commit=False)
        services.image_save(image=image, user=request.user, changed=[])
        self.log_addition(request, image, "Uploaded from the story editor")
        return JsonResponse(picture_card(image), status=201)
