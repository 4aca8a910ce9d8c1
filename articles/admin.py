"""The desk. Thin: every change to a story goes through services.py, which holds the
rules; the admin only decides what each role is shown."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from taggit.models import Tag

from newsroom.params import ids_in

from . import admin_live, diff, preview, services, text
from .models import (
    Author,
    Correction,
    HomePageStory,
    Revision,
    Section,
    Source,
    Story,
    Theme,
    WireUpdate,
)
from .services import Action, StoryConflict
from .widgets import body_form_field


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "approved"]
    list_editable = ["position"]
    list_filter = ["approved"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    actions = ["approve"]

    @admin.action(description="Approve: show to readers", permissions=["change"])
    def approve(self, request, queryset):
        # save() per section: the masthead's cache and the audit log follow.
        for section in queryset.filter(approved=False):
            section.approved = True
            section.save(update_fields=["approved"])
            self.log_change(request, section, "Approved: shown to readers")
        self.message_user(request, "The sections chosen are shown to readers.", messages.SUCCESS)


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


class StateFilter(admin.SimpleListFilter):
    """Status as the desk thinks of it: scheduled and embargoed are states of their own."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Story.State.choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        now = timezone.now()
        published = queryset.filter(status=Story.Status.PUBLISHED)
        if value == Story.State.LIVE:
            return queryset.published()
        if value == Story.State.EMBARGOED:
            return published.filter(embargo_until__gt=now)
        if value == Story.State.SCHEDULED:
            return published.filter(published_at__gt=now).exclude(embargo_until__gt=now)
        return queryset.filter(status=value)


class OriginFilter(admin.SimpleListFilter):
    """Wire copy (imported, known by its GUID) apart from the desk's own stories: the
    desk reviews imported drafts before they go out."""

    title = "origin"
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("wire", "From the wire"), ("desk", "Written in the desk")]

    def queryset(self, request, queryset):
        if self.value() in ("wire", "desk"):
            return queryset.filter(guid__isnull=self.value() == "desk")
        return queryset


class StoryPaginator(Paginator):
    """Counting a million rows on every page of the list is what makes admins slow. On
    PostgreSQL an unfiltered list uses the planner's row estimate instead."""

    # Past this many rows an estimate is close enough for "page N of M".
    ESTIMATE_ABOVE = 10_000

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if connection.vendor == "postgresql" and query is not None and not query.where:
            table = connection.ops.quote_name(Story._meta.db_table)
            with connection.cursor() as cursor:
                # One statement: the estimate when the table is big, the exact count otherwise.
                cursor.execute(
                    f"SELECT CASE WHEN reltuples > %s THEN reltuples::bigint "  # noqa: S608
                    f"ELSE (SELECT COUNT(*) FROM {table}) END "
                    "FROM pg_class WHERE oid = %s::regclass",
                    [self.ESTIMATE_ABOVE, Story._meta.db_table],
                )
                return cursor.fetchone()[0]
        return super().count


class StoryForm(forms.ModelForm):
    # The version the editor started from: a save based on an older one is refused.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Story
        # The admin narrows this per role (StoryAdmin.get_fieldsets).
        fields = [
            *("headline", "slug", "standfirst", "dateline_place", "body"),
            *(
                "published_at",
                "embargo_until",
                "updated_at",
                "mark",
                "live_coverage",
                "home_priority",
            ),
            *("section", "theme", "sources", "authors", "tags", "lead_image", "related"),
        ]
        widgets = {
            "headline": forms.TextInput(attrs={"data-recommended-length": 70, "size": 80}),
            "standfirst": forms.Textarea(attrs={"data-recommended-length": 160, "rows": 3}),
        }

    desk_error = None  # set by StoryAdmin when the services refused the last attempt

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"] = body_form_field(self.fields["body"])
        if "tags" in self.fields:
            self.fields["tags"].widget.attrs["data-suggest-url"] = reverse(
                "admin:articles_story_tag_suggestions"
            )
        # Typing in the form keeps the session alive (see newsroom.security).
        self.fields["base_version"].widget.attrs["data-keepalive-url"] = reverse(
            "admin:articles_story_keepalive"
        )
        if self.instance.pk and not self.is_bound:
            self.initial["base_version"] = self.instance.version
        if isinstance(self.desk_error, StoryConflict) and self.is_bound:
            # Saving again from here is a deliberate choice, made after seeing the message.
            self.data = self.data.copy()
            self.data["base_version"] = self.desk_error.story.version

    def clean(self):
        cleaned = super().clean()
        error = self.desk_error
        if isinstance(error, StoryConflict):
            raise ValidationError(str(error), code="conflict")
        if isinstance(error, ValidationError):
            raise error
        return cleaned


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name = "correction or update note"


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryForm
    list_display = [
        "headline",
        "state_label",
        "section",
        "mark",
        "published_at",
        "created_by",
        "last_edited_by",
        "modified_at",
    ]
    list_filter = [StateFilter, OriginFilter, "section", "theme", "sources", "mark", "published_at"]
    list_select_related = ["section", "created_by", "last_edited_by"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    # What the desk is working on comes first (served by the story_desk_idx index).
    ordering = ["-modified_at", "-id"]
    autocomplete_fields = ["section", "theme", "sources", "authors", "lead_image", "related"]
    readonly_fields = [
        "state_label",
        "first_published_at",
        "created_by",
        "last_edited_by",
        "version",
        "guid",
    ]
    inlines = [CorrectionInline]
    paginator = StoryPaginator
    # No second, unfiltered COUNT of the whole table per page.
    show_full_result_count = False
    list_per_page = 50
    actions = [
        "publish_now",
        "withdraw",
        "mark_breaking",
        "mark_updated",
        "clear_mark",
        "move_to_trash",
        "restore_from_trash",
    ]

    class Media:
        js = ["desk/desk.js"]
        css = {"all": ["desk/desk.css"]}

    def changelist_view(self, request, extra_context=None):
        # The date drill-down's year, month and day: Django's admin turns a year it cannot
        # make a date of into a 500 (OverflowError), where a wrong one is its "?e=1".
        for name in ("year", "month", "day"):
            value = request.GET.get(f"{self.date_hierarchy}__{name}")
            if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 4):
                return redirect(f"{request.path}?e=1")
        return super().changelist_view(request, extra_context)

    # --- What each role sees ------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        writing = ["headline", "slug", "standfirst", "dateline_place", "body", "base_version"]
        filing = ["section", "theme", "sources", "authors", "tags", "lead_image", "related"]
        if obj is not None and obj.guid:
            filing.append("guid")  # where the wire copy came from
        publication = ["state_label"]
        if services.can_publish(request.user):
            publication += ["published_at", "embargo_until", "updated_at", "mark", "live_coverage"]
            if request.user.has_perm("articles.curate_home"):
                publication.append("home_priority")
        publication += ["first_published_at", "created_by", "last_edited_by"]
        return [
            (None, {"fields": writing}),
            ("Publication", {"fields": publication}),
            ("Filing", {"fields": filing}),
        ]

    def get_queryset(self, request):
        stories = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "articles_story_changelist":
            # The list shows none of the long text: do not fetch it for 50 rows.
            stories = stories.defer("body", "search_vector")
            if request.GET.get(StateFilter.parameter_name) != Story.State.TRASHED:
                stories = stories.exclude(status=Story.Status.TRASHED)  # the trash: its filter
        return stories

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None and obj.status == Story.Status.PUBLISHED else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting is moving to the trash, which keeps the story's history.
        actions.pop("delete_selected", None)
        if not services.can_publish(request.user):
            for name in ("publish_now", "withdraw", "mark_breaking", "mark_updated", "clear_mark"):
                actions.pop(name, None)
        return actions

    # --- Deleting moves to the trash --------------------------------------------------

    def delete_model(self, request, obj):
        services.story_trash(story=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            services.story_trash(story=story, user=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        """The delete button: a confirmation, then the trash (not Django's list of the
        revisions and corrections a real deletion would take with it)."""
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_delete_permission(request, story):
            raise PermissionDenied
        if request.method == "POST":
            services.story_trash(story=story, user=request.user)
            self.message_user(
                request,
                f"“{story}” is in the trash, with its history; restore it from the trash "
                "filter of the story list.",
                messages.SUCCESS,
            )
            return redirect("admin:articles_story_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Move to the trash?",
            "story": story,
        }
        return TemplateResponse(request, "admin/articles/story/trash_confirm.html", context)

    @admin.action(description="Move selected stories to the trash", permissions=["delete"])
    def move_to_trash(self, request, queryset):
        def trash(story):
            services.story_trash(story=story, user=request.user)

        self._bulk(request, queryset, trash, "moved to the trash")

    @admin.action(description="Restore selected stories from the trash", permissions=["delete"])
    def restore_from_trash(self, request, queryset):
        def restore(story):
            services.story_untrash(story=story, user=request.user)

        self._bulk(request, queryset, restore, "restored as drafts")

    # --- Saving goes through the services ---------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.desk_error = getattr(request, "_desk_error", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StoryConflict, ValidationError) as error:
            # Nothing was written (the transaction rolled back). Show the same form again,
            # with the editor's input intact and the reason at the top.
            if request.method != "POST" or getattr(request, "_desk_error", None):
                raise
            request._desk_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing here: the whole story (fields, relations, tags) is written in one
        service call from save_related, where Django hands over the relations."""

    def save_related(self, request, form, formsets, change):
        action = request.POST.get("_action") or None
        if action not in (None, *Action.ALL):
            raise ValidationError("Unknown action.")
        story = form.instance
        data = form.cleaned_data
        edit = {
            "expected_version": data.get("base_version") if change else None,
            "relations": {
                name: data[name] for name in ("sources", "authors", "related") if name in data
            },
            "tags": data.get("tags"),  # None: not in the form, left as it is
        }
        if action == Action.PUBLISH:
            edit["publish_at"] = story.published_at
        services.story_act(action=action, story=story, user=request.user, **edit)
        request._desk_action = action
        for formset in formsets:  # the corrections, once the story is saved
            self.save_formset(request, form, formset, change=change)

    def response_change(self, request, obj):
        self._report_state(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._report_state(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _report_state(self, request, obj):
        if getattr(request, "_desk_action", None) and obj.state in (
            Story.State.SCHEDULED,
            Story.State.EMBARGOED,
        ):
            when = obj.embargo_until if obj.state == Story.State.EMBARGOED else obj.published_at
            self.message_user(
                request,
                f"“{obj}” is {obj.get_state_display().lower()}: it goes live on "
                f"{timezone.localtime(max(when, obj.published_at)):%d %B %Y at %H:%M}.",
                messages.INFO,
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_actions"] = self._workflow_actions(request, obj)
        context["wire_updates"] = (
            list(obj.wire_updates.filter(outcome=WireUpdate.Outcome.PENDING)) if obj else []
        )
        context["preview_url"] = (
            reverse("articles:preview", kwargs={"pk": obj.pk}) if obj is not None else None
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_actions(self, request, obj):
        """The buttons for the transitions the services would accept now."""
        return [(t.name, t.label) for t in services.allowed_actions(request.user, obj)]

    # --- The list ------------------------------------------------------------------

    @admin.display(description="State", ordering="status")
    def state_label(self, story):
        state = story.state
        if state == Story.State.SCHEDULED:
            return f"Scheduled for {timezone.localtime(story.published_at):%Y-%m-%d %H:%M}"
        if state == Story.State.EMBARGOED:
            return f"Embargoed until {timezone.localtime(story.embargo_until):%Y-%m-%d %H:%M}"
        return state.label

    def view_on_site(self, story):
        return story.get_absolute_url() if story.is_published else None

    def _bulk(self, request, queryset, change, done):
        succeeded = 0
        for story in queryset:
            try:
                change(story)
                succeeded += 1
                self.log_change(request, story, f"Bulk action: {done}")
            except (ValidationError, PermissionDenied) as error:
                message = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"“{story}”: {message}", messages.WARNING)
        if succeeded:
            self.message_user(request, f"{succeeded} {done}.", messages.SUCCESS)

    @admin.action(description="Publish selected stories now", permissions=["publish"])
    def publish_now(self, request, queryset):
        def publish(story):
            # The list's rows leave the body out: write from the whole stored story.
            services.story_publish(story=Story.objects.get(pk=story.pk), user=request.user)

        self._bulk(request, queryset, publish, "published")

    @admin.action(description="Withdraw selected stories", permissions=["publish"])
    def withdraw(self, request, queryset):
        def withdraw(story):
            services.story_withdraw(story=Story.objects.get(pk=story.pk), user=request.user)

        self._bulk(request, queryset, withdraw, "withdrawn")

    def _mark(self, request, queryset, mark):
        def set_mark(story):
            services.story_set_mark(story=story, user=request.user, mark=mark)

        self._bulk(request, queryset, set_mark, "marked")

    @admin.action(description="Mark as breaking", permissions=["publish"])
    def mark_breaking(self, request, queryset):
        self._mark(request, queryset, Story.Mark.BREAKING)

    @admin.action(description="Mark as updated", permissions=["publish"])
    def mark_updated(self, request, queryset):
        self._mark(request, queryset, Story.Mark.UPDATED)

    @admin.action(description="Clear the mark", permissions=["publish"])
    def clear_mark(self, request, queryset):
        self._mark(request, queryset, Story.Mark.NONE)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    # --- History: revisions, comparison, restore, share links ------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/history/compare/",
                view(self.compare_view),
                name="articles_story_compare",
            ),
            path(
                "<int:pk>/history/<int:number>/restore/",
                view(self.restore_view),
                name="articles_story_restore",
            ),
            path(
                "tag-suggestions/",
                view(self.tag_suggestions_view),
                name="articles_story_tag_suggestions",
            ),
            path("keepalive/", view(self.keepalive_view), name="articles_story_keepalive"),
            path(
                "<int:pk>/live/",
                view(lambda request, pk: admin_live.live_view(self, request, pk)),
                name="articles_story_live",
            ),
            path("headlines/", view(self.headlines_view), name="articles_story_headlines"),
            path(
                "<int:pk>/wire-updates/<int:update_id>/",
                view(self.wire_update_view),
                name="articles_story_wire_update",
            ),
            path(
                "<int:pk>/share-link/",
                view(self.share_link_view),
                name="articles_story_share_link",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"History of “{story}”",
            "story": story,
            "revisions": story.revisions.select_related("user"),
            "can_restore": self.has_change_permission(request, story),
        }
        return TemplateResponse(request, "admin/articles/story/revisions.html", context)

    def compare_view(self, request, pk):
        story = get_object_or_404(Story, pk=pk)
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        revisions = story.revisions.select_related("user")
        try:
            numbers = sorted({int(request.GET["a"]), int(request.GET["b"])})
        except (KeyError, ValueError):
            messages.error(request, "Choose two revisions to compare.")
            return redirect("admin:articles_story_history", pk)
        older = get_object_or_404(revisions, number=numbers[0])
        newer = get_object_or_404(revisions, number=numbers[-1])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Revision {older.number} → {newer.number} of “{story}”",
            "story": story,
            "older": older,
            "newer": newer,
            "changes": diff.compare_revisions(older.content, newer.content),
            "can_restore": self.has_change_permission(request, story),
        }
        return TemplateResponse(request, "admin/articles/story/compare.html", context)

    def restore_view(self, request, pk, number):
        story = get_object_or_404(Story, pk=pk)
        revision = get_object_or_404(Revision, story=story, number=number)
        if request.method != "POST":
            return redirect("admin:articles_story_history", pk)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        # The version the History page was read at: restoring from a stale page would
        # silently undo whatever was saved since.
        base = request.POST.get("base_version", "")
        if not (base.isascii() and base.isdigit()):
            messages.error(request, "Reload the history and choose the revision again.")
            return redirect("admin:articles_story_history", pk)
        try:
            services.story_restore(
                story=story, revision=revision, user=request.user, expected_version=int(base)
            )
        except (ValidationError, StoryConflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("admin:articles_story_history", pk)
        self.log_change(request, story, f"Restored revision {number}")
        messages.success(request, f"Revision {number} restored as a new revision.")
        return redirect("admin:articles_story_change", pk)

    def wire_update_view(self, request, pk, update_id):
        """An update the wire sent for a story the desk worked on: what it would change,
        and the editor's choice to take it or keep the story as it is."""
        story = get_object_or_404(Story, pk=pk)
        update = get_object_or_404(WireUpdate, pk=update_id, story=story)
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        can_decide = self.has_change_permission(request, story)
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            try:
                if "accept" in request.POST:
                    services.wire_update_accept(update=update, user=request.user)
                    self.log_change(request, story, "Accepted an update from the wire")
                    messages.success(request, "The wire's update is now the story's text.")
                else:
                    services.wire_update_reject(update=update, user=request.user)
                    self.log_change(request, story, "Rejected an update from the wire")
                    messages.success(request, "The wire's update was set aside.")
            except (ValidationError, PermissionDenied, StoryConflict) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("admin:articles_story_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Update from the wire for “{story}”",
            "story": story,
            "update": update,
            "changes": diff.compare_revisions(services.snapshot(story), update.content),
            "can_decide": can_decide and update.outcome == WireUpdate.Outcome.PENDING,
        }
        return TemplateResponse(request, "admin/articles/story/wire_update.html", context)

    def keepalive_view(self, request):
        """Nothing but a signed-in request: an editor typing is not idle."""
        return HttpResponse(status=204)

    def tag_suggestions_view(self, request):
        """Existing tags starting with what the editor is typing, for autocomplete."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # Without NUL and the other controls: PostgreSQL refuses NUL in a query.
        term = text.xml_safe(request.GET.get("term", "")).strip()[:100]
        names = (
            list(
                Tag.objects.filter(name__istartswith=term)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
            if term
            else []
        )
        return JsonResponse({"results": names})

    def headlines_view(self, request):
        """The headlines of stories a body links ("Read also"), for the editor's previews:
        `?ids=3,40`, at most 50, each with whether readers can see it now."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        ids = ids_in(request.GET.get("ids", ""), 50)
        found = Story.objects.filter(pk__in=ids).exclude(status=Story.Status.TRASHED)
        return JsonResponse(
            {
                "results": [
                    {"id": s.pk, "headline": s.headline, "published": s.is_published}
                    for s in found.only("id", "headline", "status", "published_at", "embargo_until")
                ]
            }
        )

    def share_link_view(self, request, pk):
        story = get_object_or_404(Story, pk=pk)
        if request.method != "POST":
            return redirect("admin:articles_story_change", pk)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        if "revoke" in request.POST:
            preview.revoke_share_links(story)
            messages.success(request, "Every share link to this story has stopped working.")
        else:
            link = request.build_absolute_uri(preview.share_url(story))
            days = preview.share_link_days()
            messages.success(
                request,
                format_html(
                    "Share link, valid for {} days or until the story is published: "
                    '<a href="{}">{}</a>',
                    days,
                    link,
                    link,
                ),
            )
        return redirect("admin:articles_story_change", pk)


@admin.register(HomePageStory)
class HomePageAdmin(admin.ModelAdmin):
    list_display = ["headline", "home_priority", "section", "published_at"]
    list_editable = ["home_priority"]
    list_display_links = None
    list_select_related = ["section"]
    search_fields = ["headline"]
    paginator = StoryPaginator
    show_full_result_count = False

    def get_queryset(self, request):
        return Story.objects.published().top_stories()

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.curate_home")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("articles.curate_home")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.has_perm("articles.curate_home")

    def save_model(self, request, obj, form, change):
        services.story_set_priority(story=obj, user=request.user, priority=obj.home_priority)


# The desk's other pages: users and the audit view, the picture library and its chooser.
from . import admin_people, admin_pictures, admin_videos  # noqa: E402, F401
