"""Markdown to safe HTML: the one gate for user-written text.

`render_markdown` runs markdown-it-py (CommonMark plus tables, strikethrough
and bare-URL links; raw HTML is shown as text, never rendered) and then
sanitizes the result with nh3 to a small allow-list, so the stored HTML is
safe even if the Markdown layer had a bug. This is the only module that
imports the Markdown and sanitizer libraries.

Rendering happens once, when the text is written; pages show the stored HTML.

Mentions: `render_markdown(source, members=...)` links each `@handle` whose folded handle is
in `members` (the caller finds them once, with `mention_keys(source)`) to the member's page,
`<a class="mention" href="/members/handle">@handle</a>`; other handles stay text. Nothing
is looked up here: no query per mention, nor per render.
"""

import html
import re
from collections.abc import Collection
from urllib.parse import quote

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from mediator_portal.search import fold

ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "ol": {"start"},
    "code": {"class"},
    "th": {"class", "dir"},
    "td": {"class", "dir"},
    **{tag: {"dir"} for tag in ("p", "li", "blockquote", "h3", "h4", "h5", "h6")},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# Headings in a post sit under the page's h1 (topic) and h2 (posts): # becomes h3.
HEADING_SHIFT = 2
# Block elements that get dir="auto", so each paragraph of Greek, Arabic or Farsi
# takes its own direction from its first strong character.
DIR_AUTO = {
    "paragraph_open",
    "heading_open",
    "list_item_open",
    "blockquote_open",
    "th_open",
    "td_open",
}
ALIGN = re.compile(r"^text-align:(left|center|right)$")
ALLOWED_CLASS = re.compile(r"^(?:language-[A-Za-z0-9_+-]{1,32}|align-(?:left|center|right))$")
_SPACE = re.compile(r"\s+")
# "@" at the start or after a space or punctuation, then letters, digits, "_", "-", "."
# (a trailing dot or dash is punctuation): a member's handle (accounts.services.handle).
MENTION = re.compile(r"(?<![\w@])@([^\W_][\w.\-]*\w|[^\W_])", re.UNICODE)
MENTION_CLASS = "mention"
MEMBER_PATH = "/members/"  # accounts' member page (a test checks it against url_for)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def mention_keys(source: str) -> set[str]:
    """The folded handles `@`-mentioned in the Markdown `source`, outside code."""
    return {fold(match.group(1)) for match in MENTION.finditer(_CODE.sub(" ", source or ""))}


def member_path(key: str) -> str:
    """The path of the member page of the (folded) handle `key`."""
    return MEMBER_PATH + quote(key, safe="")


def _decorate(state: StateCore) -> None:
    """Core rule: demote headings, mark blocks dir="auto", turn table alignment into a class."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_SHIFT, 6)
            token.tag = f"h{level}"
        if token.type in DIR_AUTO:
            token.attrSet("dir", "auto")
        style = token.attrGet("style")
        if style is not None:
            # The CSP forbids inline styles anyway; alignment survives as a class.
            del token.attrs["style"]
            match = ALIGN.match(str(style))
            if match:
                token.attrSet("class", f"align-{match.group(1)}")


def _mention_tokens(token: Token, members: Collection[str]) -> list[Token]:
    """`token` (text) split around the mentions of `members`, each a link to the member."""
    found, start = [], 0
    for match in MENTION.finditer(token.content):
        key = fold(match.group(1))
        if not key or key not in members:  # some marks fold to nothing
            continue
        if match.start() > start:
            found.append(Token("text", "", 0, content=token.content[start : match.start()]))
        attrs = {"href": member_path(key), "class": MENTION_CLASS}
        found.append(Token("link_open", "a", 1, attrs=attrs))
        found.append(Token("text", "", 0, content=match.group(0)))
        found.append(Token("link_close", "a", -1))
        start = match.end()
    if not found:
        return [token]
    if start < len(token.content):
        found.append(Token("text", "", 0, content=token.content[start:]))
    return found


def _link_mentions(state: StateCore) -> None:
    """Core rule: `@handle` of a member in `env["members"]` becomes a link to their page
    (not inside a link; code spans are tokens of their own and are left alone)."""
    members = state.env.get("members") if isinstance(state.env, dict) else None
    if not members:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, in_link = [], 0
        for token in block.children:
            in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type == "text" and not in_link and "@" in token.content:
                children.extend(_mention_tokens(token, members))
            else:
                children.append(token)
        block.children = children


def _build() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable(["table", "strikethrough", "linkify"])
    # No images: `![alt](url)` stays a plain link to the URL.
    parser.disable("image")
    parser.core.ruler.push("portal_decorate", _decorate)
    parser.core.ruler.push("portal_mentions", _link_mentions)
    return parser


_PARSER = _build()


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "dir":
        return value if value == "auto" else None
    if name == "class" and tag == "a":
        return value if value == MENTION_CLASS else None
    if name == "class":
        return value if ALLOWED_CLASS.match(value) else None
    if name == "start":
        return value if value.isdigit() and len(value) <= 9 else None
    return value


def sanitize(fragment: str) -> str:
    """Reduce an HTML fragment to the allow-list (tags, attributes, URL schemes)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(source: str, members: Collection[str] = ()) -> str:
    """The sanitized HTML of the Markdown `source` (an empty string for empty input), with
    the mentions of `members` (folded handles) as links to their pages."""
    if not source or not source.strip():
        return ""
    return sanitize(_PARSER.render(source, {"members": members})).strip()


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment, with tags removed and white space collapsed."""
    text = html.unescape(nh3.clean(fragment, tags=set(), strip_comments=True))
    return _SPACE.sub(" ", text).strip()


def plain_excerpt(source: str, length: int = 200) -> str:
    """The first `length` characters of the text of Markdown `source`, ending with … if cut."""
    text = strip_tags(render_markdown(source).replace("<", " <"))
    if len(text) <= length:
        return text
    return text[: max(length - 1, 0)].rstrip() + "…"


def quote_markdown(source: str, author: str) -> str:
    """`source` as a Markdown block quote attributed to `author`, ready to reply below."""
    lines = source.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"{author}:\n{quoted}\n\n"


# -- What members type, made storable (each feature checks its own limits and errors).

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def storable(text: str | None) -> str:
    """`text` without NUL characters (PostgreSQL refuses them), replaced as CommonMark does."""
    return (text or "").replace("\x00", "\ufffd")


def one_line(text: str | None) -> str:
    """`text` on one line: runs of white space (line ends included) as one space, no outer
    spaces; storable."""
    return " ".join(storable(text).split())


def markdown_source(text: str | None) -> str:
    """Markdown as typed, made storable: line ends normalized to \\n, no blank lines before
    it, no white space after it."""
    text = storable(text).replace("\r\n", "\n").replace("\r", "\n")
    return _LEADING_BLANK_LINES.sub("", text).rstrip()
