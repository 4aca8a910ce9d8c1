"""Embeds in the desk: the list (what each shows, whether its provider answered) and the
endpoint the story editor posts a pasted link to (static/desk/elements.js)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from newsroom.params import ids_in

from . import services
from .models import Embed


def embed_card(embed: Embed) -> dict:
    """What the editor shows of an embed."""
    return {
        "id": embed.pk,
        "url": embed.url,
        "provider": embed.provider_name,
        "kind": embed.get_kind_display(),
        "title": embed.label,
        "author": embed.author_name,
        "thumbnail": embed.thumbnail.url if embed.thumbnail else "",
        "frame": bool(embed.frame),
        "note": embed.fetch_error,
    }


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "provider_name", "kind", "preview", "fetched_at", "fetch_error"]
    list_filter = ["provider_name", "kind"]
    search_fields = ["title", "text", "url", "author_name"]
    fields = [
        "url", "provider_name", "kind", "title", "author_name", "text", "preview",
        "caption", "frame", "fetched_at", "fetch_error",
    ]  # fmt: skip
    readonly_fields = [
        "url", "provider_name", "kind", "frame", "preview", "fetched_at", "fetch_error",
    ]  # fmt: skip
    actions = ["ask_again"]

    def has_add_permission(self, request):
        return False  # made by pasting a link in a story, through services.embed_for_link

    @admin.display(description="Thumbnail")
    def preview(self, embed):
        if not embed.thumbnail:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:80px">', embed.thumbnail.url)

    @admin.action(description="Ask the provider again for the title, text and thumbnail")
    def ask_again(self, request, queryset):
        for embed in queryset[:50]:
            try:
                services.embed_refresh(embed, request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{embed}: {error}", messages.WARNING)
        self.message_user(request, "Asked again; each embed's last answer is in the list.")

    def get_urls(self):
        view = self.admin_site.admin_view(self.paste_view)
        return [path("paste/", view, name="embeds_embed_paste"), *super().get_urls()]

    def paste_view(self, request):
        if request.method == "POST":
            try:
                embed = services.embed_for_link(request.POST.get("url", ""), request.user)
            except ValidationError as error:
                return JsonResponse({"errors": {"url": error.messages}}, status=400)
            return JsonResponse(embed_card(embed), status=201)
        if not self.has_view_permission(request):
            raise PermissionDenied
        wanted = ids_in(request.GET.get("ids", ""), 100)
        found = Embed.objects.in_bulk(wanted)
        return JsonResponse({"results": [embed_card(found[pk]) for pk in wanted if pk in found]})
