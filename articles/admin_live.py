"""The desk's live page for a live story: a compact form to post an entry in seconds,
the entries with their state (publish, correct, delete), and the end of the coverage.
Every action is one call to articles/live.py; the list refreshes itself
(static/desk/live.js) so editors posting at once see each other's entries."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from embeds.services import embed_for_link

from . import live, text
from .models import LiveEntry, Story


class EntryForm(forms.Form):
    text = forms.CharField(
        label="Entry",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Paragraphs separated by an empty line.",
        max_length=live.BODY_MAX,
    )
    link = forms.URLField(
        label="Embed a post or video (optional)",
        required=False,
        assume_scheme="https",
        help_text="A link from YouTube, X, Telegram, Bluesky…: shown under the text.",
    )
    key_event = forms.BooleanField(label="Key event", required=False)
    pinned = forms.BooleanField(label="Pin at the top", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _html(form, user) -> str:
    html = text.plain_text_to_html(form.cleaned_data["text"])
    if form.cleaned_data["link"]:
        embed = embed_for_link(form.cleaned_data["link"], user)
        html += f'<figure data-embed="{embed.pk}"></figure>'
    return html


def _as_text(entry) -> str:
    """The entry's text as the form edits it (its paragraphs; elements other than the
    embed the form adds are kept only by the full editor)."""
    from .search import plain_text

    return "\n\n".join(plain_text(p) for p in entry.body.split("</p>") if plain_text(p))


def live_view(model_admin, request, pk):
    story = get_object_or_404(Story, pk=pk)
    if not request.user.has_perm("articles.view_liveentry"):
        raise PermissionDenied
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(LiveEntry, pk=int(request.GET["edit"]), story=story)
    form = EntryForm(
        initial={
            "text": _as_text(editing),
            "key_event": editing.key_event,
            "pinned": editing.pinned,
            "version": editing.version,
        }
        if editing
        else None
    )
    if request.method == "POST":
        answer = _act(request, story, editing)
        if answer is not None:
            return answer
        form = EntryForm(request.POST)
        if form.is_valid():
            try:
                html = _html(form, request.user)
                if editing:
                    live.entry_edit(
                        entry=editing, user=request.user, html=html,
                        key_event=form.cleaned_data["key_event"],
                        pinned=form.cleaned_data["pinned"],
                        version=form.cleaned_data["version"] or 0,
                    )  # fmt: skip
                    messages.success(request, "Entry corrected.")
                else:
                    entry = live.entry_post(
                        story=story, user=request.user, html=html,
                        key_event=form.cleaned_data["key_event"],
                        pinned=form.cleaned_data["pinned"],
                        publish="draft" not in request.POST,
                    )  # fmt: skip
                    messages.success(
                        request,
                        "Posted: readers see it now."
                        if entry.published_at
                        else "Saved as a draft: an editor publishes it.",
                    )
                return redirect(reverse("admin:articles_story_live", args=[story.pk]))
            except live.EntryConflict as error:
                form.add_error(None, str(error))
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
    entries = (
        LiveEntry.objects.filter(story=story)
        .exclude(status=LiveEntry.Status.DELETED)
        .order_by("-published_at", "-created_at", "-pk")[:100]
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Live: {story.headline}",
        "story": story,
        "form": form,
        "editing": editing,
        "entries": entries,
        "count": LiveEntry.objects.filter(story=story, status=LiveEntry.Status.PUBLISHED).count(),
        "can_publish": request.user.has_perm("articles.publish_story"),
    }
    template = (
        "admin/articles/story/live_entries.html"
        if request.GET.get("list")
        else "admin/articles/story/live.html"
    )
    return TemplateResponse(request, template, context)


def _act(request, story, editing):
    """The buttons beside an entry, and the coverage's own."""
    back = redirect(reverse("admin:articles_story_live", args=[story.pk]))
    user = request.user
    try:
        if "end" in request.POST:
            live.live_end(story=story, user=user)
            messages.success(request, "Live coverage ended: readers see that it has.")
            return back
        if "reopen" in request.POST:
            live.live_reopen(story=story, user=user)
            messages.success(request, "Live coverage reopened.")
            return back
        for action in ("publish_entry", "delete_entry"):
            value = request.POST.get(action, "")
            if value.isdigit():
                entry = get_object_or_404(LiveEntry, pk=int(value), story=story)
                if action == "publish_entry":
                    live.entry_publish(entry=entry, user=user)
                    messages.success(request, "Entry published.")
                else:
                    live.entry_delete(entry=entry, user=user)
                    messages.success(request, "Entry deleted (kept in its history).")
                return back
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return back
    return None
