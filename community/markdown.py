"""The site's one markdown renderer: CommonMark, then an allow-list sanitizer.

Every piece of member text (initiatives, comments, bios, lab descriptions) goes through
``render_markdown``. Raw HTML never survives, links carry rel="nofollow ugc noopener", and
images are shown only when they come from this site (others become plain links).
Bump RENDERER_VERSION whenever the output for the same source changes, so stored HTML is
rendered again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape

RENDERER_VERSION = 2  # 2: "##" is an h2 too, so a post's sections never skip a level after the page's h1

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "loading"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# "@amara-j" mentions a member; "me@example.org" and "/@x" do not.
MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_-]{3,30})")

# Given a mentioned username, the address of that member's page, or None when nobody answers to it.
MentionLinks = Callable[[str], str | None]


def _is_local(url: str) -> bool:
    """A path on this site: '/static/x.png', not '//evil.example/x.png' nor 'https://…'."""
    parts = urlsplit(url)
    return url.startswith("/") and not url.startswith(("//", "/\\")) and not parts.scheme and not parts.netloc


def _render_image(_renderer, tokens, index, _options, _env):
    token = tokens[index]
    src = token.attrGet("src") or ""
    alt = "".join(child.content for child in token.children or [])
    if _is_local(src):
        return f'<img src="{escape(src)}" alt="{escape(alt)}" loading="lazy">'
    return f'<a href="{escape(src)}">{escape(alt or src)}</a>'


def _level(token: Token) -> int:
    """Member headings start at h2 (the page's own title is the only h1): "#" and "##" both make an h2,
    as members write "## Lessons" for a section; deeper ones keep their level, so none is skipped."""
    return max(int(token.tag[1]), 2)


def _heading_open(_renderer, tokens, index, _options, _env):
    return f"<h{_level(tokens[index])}>"


def _heading_close(_renderer, tokens, index, _options, _env):
    return f"</h{_level(tokens[index])}>\n"


def _link_mentions(state: StateCore) -> None:
    """Turn "@username" in plain text (not in code, not inside a link) into a link to the member."""
    resolve = state.env.get("mentions")
    if resolve is None:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type == "text" and not in_link and "@" in token.content:
                children += _split_mentions(token, resolve)
            else:
                children.append(token)
        block.children = children


def _split_mentions(token: Token, resolve: MentionLinks) -> list[Token]:
    parts: list[Token] = []
    text, start = token.content, 0
    for match in MENTION.finditer(text):
        href = resolve(match.group(1))
        if href is None:
            continue
        if match.start() > start:
            parts.append(_text(text[start : match.start()], token.level))
        link = Token("link_open", "a", 1, level=token.level)
        link.attrSet("href", href)
        close = Token("link_close", "a", -1, level=token.level)
        parts += [link, _text(match.group(0), token.level + 1), close]
        start = match.end()
    if not parts:
        return [token]
    if start < len(text):
        parts.append(_text(text[start:], token.level))
    return parts


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.add_render_rule("image", _render_image)
    parser.add_render_rule("heading_open", _heading_open)
    parser.add_render_rule("heading_close", _heading_close)
    after = "text_join" if "text_join" in parser.core.ruler.get_all_rules() else "inline"
    parser.core.ruler.after(after, "mentions", _link_mentions)
    return parser


_PARSER = _parser()


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_local(value):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep only the allowed tags and attributes; strip everything else."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(source: str | None, mentions: MentionLinks | None = None) -> Markup:
    """Markdown source to safe HTML; ``mentions`` links "@username" to the members it knows."""
    if not source:
        return Markup("")
    return Markup(sanitize(_PARSER.render(source, {"mentions": mentions})))  # noqa: S704 - sanitized by nh3 just above
