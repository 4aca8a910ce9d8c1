from datetime import date

from articles.body import sanitize as sanitize_body
from articles.text import body_with_dateline, dateline, plain_text_to_html, slug_for


def test_dateline_reads_like_wire_copy():
    assert dateline("Athens", date(2021, 12, 9), "TASS") == "ATHENS, December 9. /TASS/."


def test_dateline_without_place_starts_with_the_date():
    assert dateline("", date(2021, 12, 3), "TASS") == "December 3. /TASS/."


def test_dateline_opens_the_first_paragraph():
    html = body_with_dateline("<p>Russia plans.</p><p>More.</p>", "ATHENS, December 9. /TASS/.")
    assert html.startswith('<p><span class="dateline">ATHENS, December 9. /TASS/.</span> Russia')
    assert html.endswith("<p>More.</p>")


def test_dateline_is_escaped_and_stands_alone_before_a_heading():
    html = body_with_dateline("<h2>Sub</h2>", "A&B <X>, May 1. /T/.")
    assert html.startswith('<p><span class="dateline">A&amp;B &lt;X&gt;, May 1. /T/.</span></p>')


def test_sanitizer_keeps_newsroom_markup():
    html = (
        "<h2>Sub</h2><p><strong>b</strong> <em>i</em> <a href='https://x.org'>l</a></p>"
        "<blockquote><p>q</p></blockquote><ul><li>one</li></ul>"
    )
    clean = sanitize_body(html)
    for fragment in ("<h2>Sub</h2>", "<strong>b</strong>", "<em>i</em>", "<blockquote>", "<li>one"):
        assert fragment in clean
    assert 'href="https://x.org"' in clean
    assert 'rel="noopener noreferrer"' in clean


def test_sanitizer_removes_everything_that_could_run():
    hostile = (
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">x</a><p style="color:red" onclick="alert(4)">t</p>'
        "<iframe src='https://evil.example'></iframe><svg><script>alert(5)</script></svg>"
    )
    clean = sanitize_body(hostile)
    for forbidden in (
        "script",
        "onerror",
        "javascript",
        "onclick",
        "style",
        "iframe",
        "svg",
        "alert",
    ):
        assert forbidden not in clean


def test_plain_text_becomes_escaped_paragraphs():
    assert plain_text_to_html("One <b>\n\nTwo") == "<p>One &lt;b&gt;</p>\n<p>Two</p>"


def test_slug_is_readable_and_never_empty():
    assert slug_for("Putin-Biden video conference over") == "putin-biden-video-conference-over"
    assert slug_for("!!!") == "story"
    assert len(slug_for("word " * 100)) <= 120
