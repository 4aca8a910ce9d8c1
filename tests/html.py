"""Reading pages the way a reader sees them: visible text, links and their targets."""

import re
from html import unescape
from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = []  # (classes, href, text)
        self.links = {}  # <link rel> -> href
        self.times = []  # datetime attributes of <time>
        self.text_parts = []
        self._anchor = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "a":
            self._anchor = [attrs.get("class", ""), attrs.get("href", ""), [], attrs.get("rel")]
        if tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href")
        if tag == "time":
            self.times.append(attrs.get("datetime"))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if tag == "a" and self._anchor:
            classes, href, text, rel = self._anchor
            self.anchors.append(
                {
                    "class": classes,
                    "href": href,
                    "text": " ".join("".join(text).split()),
                    "rel": rel,
                }
            )
            self._anchor = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text_parts.append(data)
        if self._anchor:
            self._anchor[2].append(data)


def parse(response):
    page = _Page()
    page.feed(response.content.decode())
    page.text = " ".join(" ".join(page.text_parts).split())
    return page


def text(response):
    """The page's visible text with white space folded."""
    return parse(response).text


def feed_links(response):
    """The story links of a day-grouped list, top to bottom."""
    return [a["href"] for a in parse(response).anchors if "feed-item__title" in a["class"]]


def rel_link(response, rel):
    """The href of the page's <a rel=…> link, or None."""
    for anchor in parse(response).anchors:
        if anchor["rel"] == rel:
            return unescape(anchor["href"])
    return None


def day_headings(response):
    return re.findall(
        r'<h2 class="day__heading"[^>]*><time[^>]*>([^<]+)</time>', response.content.decode()
    )
