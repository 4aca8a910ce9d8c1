"""Public pages. Thin: every list starts from Story.objects.published()."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from taggit.models import Tag

from embeds.middleware import name_frames

from . import elements, live, metadata, preview, search, selectors, sitemaps
from .dependencies import keys, list_key, shows
from .forms import SearchForm
from .models import Section, Source, Story, Theme
from .pagination import paginate

STORIES_PER_PAGE = 30
# How far beyond what More news shows an article looks for itself among the newest stories.
NEWEST_MARGIN = 20


def feed_links(url_name, subject):
    """(type, title, url) of the RSS and Atom feeds of a list, for <link rel=alternate>."""
    kwargs = {"slug": subject.slug} if subject is not None else {}
    label = subject.name if subject is not None else "all news"
    return [
        ("application/rss+xml", f"RSS: {label}", reverse(f"{url_name}-rss", kwargs=kwargs)),
        ("application/atom+xml", f"Atom: {label}", reverse(f"{url_name}-atom", kwargs=kwargs)),
    ]


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        home = selectors.home_page()
        # The live feed column is a shared block (latest_block): not this page's content.
        shows(home["top_stories"], keys.HOME)
        for block in home["section_blocks"]:
            shows(block.stories, list_key(block.section))
        return (
            super().get_context_data(**kwargs)
            | home
            | {
                "feeds": feed_links("articles:all-news", None),
                "site_json_ld": metadata.site_jsonld(self.request),
            }
        )


class StoryDetailView(DetailView):
    """An article. Found by id, so the URL survives a new headline: any other slug in
    the URL is answered with a permanent redirect to the canonical one."""

    template_name = "articles/story_detail.html"
    context_object_name = "story"

    def get_queryset(self):
        # Its sources, authors, tags and corrections are read by the article's fragments
        # (pagecache/fragments.py) when they are rendered: once per version of the story.
        return Story.objects.published().for_article(prefetch=False)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        return name_frames(response, _frame_origins(self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_more_news(self.object))
        shows([self.object, *context["related"]])
        # Called by the template, inside the fragments that show them: their relations
        # read then, once for both (and for the article's fragment, rendered next).
        story, request = self.object, self.request

        def relations():
            prefetch_related_objects([story], "sources", "authors", "tags", "corrections")
            return story

        context["json_ld"] = lambda: metadata.story_jsonld(relations(), request)
        context["open_graph"] = lambda: metadata.story_open_graph(relations(), request)
        return context


class StoryListView(TemplateView):
    """A newest-first list grouped by day, paginated by cursor.

    Subclasses say which stories (`get_stories`) and what the list is about (`subject`).
    """

    template_name = "articles/story_list.html"
    # Whether a list with no published story is a 404. Tags, themes and sources are
    # created with drafts too: showing an empty page would reveal their names.
    empty_is_404 = True

    kind = ""
    # The URL name of this list's feeds, without the -rss/-atom ending.
    feed_url_name = "articles:all-news"

    def get_subject(self):
        return None

    def api_url(self, subject):
        """The JSON feed of this same list, for "Load more"."""
        url = reverse("api:feed")
        if subject is None:
            return url
        return f"{url}?{self.kind.lower()}={subject.slug}"

    def get_stories(self):
        return Story.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.get_subject()
        page = paginate(self.get_stories().for_cards(), self.request.GET, STORIES_PER_PAGE)
        if not page.stories and (self.empty_is_404 or not page.is_first):
            raise Http404("No stories here.")
        shows(page.stories, list_key(subject))
        context.update(
            subject=subject,
            kind=self.kind,
            page=page,
            days=selectors.group_by_day(page.stories),
            feeds=feed_links(self.feed_url_name, subject),
            api_url=self.api_url(subject),
        )
        return context


class AllNewsView(StoryListView):
    empty_is_404 = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": "All news"}


class SectionView(StoryListView):
    kind = "Section"
    feed_url_name = "articles:section"
    empty_is_404 = False

    def get_subject(self):
        # A section the wire made up and nobody approved is not there for readers.
        self.section = get_object_or_404(Section.objects.public(), slug=self.kwargs["slug"])
        return self.section

    def get_stories(self):
        return super().get_stories().in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"current_section": self.section}


class ThemeView(StoryListView):
    kind = "Theme"
    feed_url_name = "articles:theme"

    def get_subject(self):
        self.theme = get_object_or_404(Theme, slug=self.kwargs["slug"])
        return self.theme

    def get_stories(self):
        return super().get_stories().in_theme(self.theme)


class SourceView(StoryListView):
    kind = "Source"
    feed_url_name = "articles:source"

    def get_subject(self):
        self.source = get_object_or_404(Source, slug=self.kwargs["slug"])
        return self.source

    def get_stories(self):
        return super().get_stories().from_source(self.source)


class TagView(StoryListView):
    kind = "Tag"
    feed_url_name = "articles:tag"

    def get_subject(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.tag

    def get_stories(self):
        return super().get_stories().tagged(self.tag)


def story_by_id(request, pk):
    """`/news/123/`: the short form of an article URL, redirected to the full one."""
    story = get_object_or_404(Story.objects.published().only("id", "slug"), pk=pk)
    return redirect(story, permanent=True)


def _more_news(story):
    """An article's "More news": its related stories, part of the page, then the newest
    stories as a shared block (more_news_block) with room for the rest.

    The block leaves out the stories the page already shows, but only those among the
    newest stories: for any other article (all but the newest few) every article with
    as many related stories shares one block, rendered once per change of the newest
    stories instead of once per article. A story that is not among the newest now does
    not become one later unless its time changes, which gives its page a new render (a
    margin of NEWEST_MARGIN covers the withdrawal of as many newer stories)."""
    related = selectors.related_for_article(story)
    room = selectors.MORE_NEWS_LENGTH - len(related)
    if room <= 0:
        return {"related": related, "more_news_block": ""}
    shown = {story.pk, *(item.pk for item in related)}
    newest = selectors.newest_ids(room + len(shown) + NEWEST_MARGIN)
    exclude = sorted(shown.intersection(newest))
    args = [room, "-".join(map(str, exclude))] if exclude else [room]
    return {"related": related, "more_news_block": reverse("articles:block-more-news", args=args)}


def story_updates(request, pk):
    """A live story's entries on their own page, from a cursor back ("Older updates"),
    for readers and for the key events' links. Not for search engines: the article is."""
    story = get_object_or_404(Story.objects.published().filter(live_coverage=True), pk=pk)
    before = request.GET.get("before", "")
    if before and live.parse_cursor(before) is None:
        return HttpResponseBadRequest("Not a cursor of this page.")
    shows([story])
    response = render(request, "articles/live_updates.html", {"story": story, "before": before})
    response["X-Robots-Tag"] = "noindex, follow"
    return name_frames(response, _frame_origins(story))


def _render_preview(request, story, **context):
    response = render(
        request,
        "articles/story_detail.html",
        {"story": story, **_more_news(story), "preview": True, **context},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return name_frames(response, _frame_origins(story))


def _frame_origins(story) -> list[str]:
    """What the page's embeds frame: the body's, and a live story's entries'."""
    origins = elements.frame_origins(story.body)
    if story.live_coverage:
        origins = sorted({*origins, *live.frame_origins(story)})
    return origins


@never_cache
def story_preview(request, pk):
    """Staff see any story exactly as readers will, under a "Preview" banner."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and request.user.has_perm("articles.view_story")):
        raise PermissionDenied
    story = get_object_or_404(Story.objects.for_article(), pk=pk)
    return _render_preview(request, story)


@never_cache
def shared_preview(request, token):
    """A draft read through a signed share link, by someone without an account."""
    try:
        story = preview.story_for_token(token, Story.objects.for_article())
    except preview.LinkInvalid as gone:
        # Publishing and withdrawing end every link; one to a story now public says where
        # it is (nothing a reader could not find), any other says no more.
        public = Story.objects.published().filter(pk=gone.story_id).first()
        context = {"published": public} if public else {}
        return render(request, "articles/preview_gone.html", context, status=410)
    if story.is_published:
        # Its purpose is over: the story is public now, at its real address.
        return render(request, "articles/preview_gone.html", {"published": story}, status=410)
    return _render_preview(request, story, shared=True)


# --- Shared blocks (pagecache/blocks.py): parts of many pages, cached on their own -------


def _block(request, template, context):
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex"  # a piece of pages, not a page
    return response


def more_news_block(request, limit, exclude=""):
    """The `limit` newest stories but the ones in `exclude` (ascending ids joined by
    "-"): the rest of an article's More news."""
    ids = _block_ids(exclude) if exclude else []
    if ids is None or not 1 <= limit <= selectors.MORE_NEWS_LENGTH:
        return HttpResponseBadRequest("A limit of 1 to 10, and ascending story ids joined by '-'.")
    stories = selectors.latest_except(ids, limit)
    shows(stories, keys.ALL)
    return _block(request, "blocks/more_news.html", {"stories": stories})


def _block_ids(value):
    parts = value.split("-")
    if len(parts) > selectors.MORE_NEWS_LENGTH + 1:
        return None
    if not all(part.isascii() and part.isdigit() and len(part) <= 18 for part in parts):
        return None
    ids = [int(part) for part in parts]
    # One spelling per set, so that a set is one cached block, not one per ordering.
    if ids != sorted(set(ids)) or ids[0] == 0:
        return None
    return ids


def latest_block(request):
    """The home page's live feed column."""
    days = selectors.home_feed()
    shows((story for day in days for story in day.stories), keys.ALL)
    return _block(request, "blocks/latest.html", {"feed_days": days})


def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps.all_sitemaps(), sitemap_url_name="articles:sitemap-section"
    )


def sitemap_section(request, section):
    template = "sitemaps/news.xml" if section == "news" else "sitemap.xml"
    return sitemap_views.sitemap(
        request, sitemaps.sitemap_for(section), section=section, template_name=template
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /_blocks/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SearchView(TemplateView):
    """Full-text search with section and date filters. Whatever the query string holds,
    the answer is results or an empty state, never an error page."""

    template_name = "articles/search.html"
    per_page = 20
    max_pages = 50
    # The query parameters it reads: the page cache keys search pages by these alone.
    params = ("q", "section", "date_from", "date_to", "page")

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        page = _page_number(self.request.GET.get("page"), self.max_pages)
        stories = form.filter(Story.objects.all())
        query = search.clean_query(form.cleaned_data.get("q", ""))
        problem = ""
        try:
            hits, has_next = search.search(
                query, stories, offset=(page - 1) * self.per_page, limit=self.per_page
            )
        except search.QueryRefused as refusal:
            hits, has_next, problem = [], False, str(refusal)
            self.status = 400
        except search.QueryTooComplex:
            hits, has_next = [], False
            problem = (
                "This search is too complex to answer quickly. Try fewer or more specific words."
            )
        if page > 1 and not hits and not problem:
            raise Http404("No such page of results.")
        base = self.request.GET.copy()
        base.pop("page", None)
        more = has_next and page < self.max_pages
        return super().get_context_data(**kwargs) | {
            "form": form,
            "query": query,
            "hits": hits,
            "page_number": page,
            "first_number": (page - 1) * self.per_page + 1,
            "next_query": _with_page(base, page + 1) if more else None,
            "prev_query": _with_page(base, page - 1) if page > 1 else None,
            "problem": problem,
        }

    def render_to_response(self, context, **kwargs):
        # A refused query is the reader's to change: 400, with the page that says how.
        return super().render_to_response(context, status=getattr(self, "status", 200))


def _page_number(value, maximum):
    if value in (None, ""):
        return 1
    # isascii: "①" is a digit to str.isdigit() but not to int().
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= maximum:
        raise Http404("No such page of results.")
    return int(value)


def _with_page(params, page):
    query = params.copy()
    if page > 1:
        query["page"] = str(page)
    return query.urlencode()
