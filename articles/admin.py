from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from .models import Author, Image, Section, Source, Story, Theme


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "caption", "credit", "width", "height", "created_at"]
    search_fields = ["caption", "alt_text", "credit"]
    readonly_fields = ["thumbnail", "width", "height"]

    @admin.display(description="Picture")
    def thumbnail(self, image):
        if not image.file:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:60px">', image.file.url)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["headline", "status_label", "section", "mark", "published_at", "home_priority"]
    list_filter = ["status", "section", "mark", "theme"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "theme", "sources", "authors", "lead_image", "related"]
    # The list is ordered by an indexed column and shows no full-table count per page.
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "dateline_place", "body"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "updated_at", "mark", "home_priority"]},
        ),
        (
            "Filing",
            {"fields": ["section", "theme", "sources", "authors", "tags", "lead_image", "related"]},
        ),
    ]

    @admin.display(description="Status", ordering="status")
    def status_label(self, story):
        if story.is_scheduled:
            return f"Scheduled for {timezone.localtime(story.published_at):%Y-%m-%d %H:%M}"
        return story.get_status_display()

    def view_on_site(self, story):
        return story.get_absolute_url() if story.is_published else None
