"""The text gate's mention links: `@handle` of a member becomes
`<a class="mention" href="/members/handle">`, others stay text, no markup can be smuggled
through a handle (the whole naughty-strings corpus, every handle-looking part a member)."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from mediator_portal.search import fold
from mediator_portal.text import MENTION, mention_keys, render_markdown, sanitize
from tests.support import naughty_strings

MARIA = "μαρια_παπαδοπουλου"
HREF = "/members/" + quote(MARIA, safe="")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.mentions: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a" and dict(attrs).get("class") == "mention":
            self._open = dict(attrs)
            self.mentions.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.mentions[-1]
            self.mentions[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def parsed(html: str) -> _Tags:
    found = _Tags()
    found.feed(html)
    return found


def test_a_members_mention_is_a_link_to_their_page():
    html = render_markdown("Ρωτήστε την @Μαρία_Παπαδοπούλου.", {MARIA})
    assert f'<a href="{HREF}" class="mention" rel="nofollow noopener noreferrer">' in html
    assert ">@Μαρία_Παπαδοπούλου</a>." in html


def test_unknown_handles_code_links_and_addresses_stay_text():
    source = f"@nobody `@{MARIA}` [see @{MARIA}](https://example.org) someone@{MARIA}"
    html = render_markdown(source, {MARIA})
    assert 'class="mention"' not in html
    assert html == render_markdown(source)


def test_without_members_nothing_is_linked():
    assert 'class="mention"' not in render_markdown(f"@{MARIA}")


def test_mention_keys_are_folded_and_skip_code():
    assert mention_keys("@ΜΑΡΙΑ_Παπαδοπούλου `@anna` @John.") == {MARIA, "john"}
    assert mention_keys("```\n@john\n```") == set()


def test_the_class_is_kept_only_on_mention_links():
    assert sanitize('<a class="mention" href="/members/x">@x</a>') == (
        '<a class="mention" href="/members/x" rel="nofollow noopener noreferrer">@x</a>'
    )
    assert 'class="evil"' not in sanitize('<a class="evil" href="/x">x</a>')
    assert "class" not in sanitize('<p class="mention">x</p>')


@pytest.mark.parametrize("number", range(0, 515, 103))
def test_no_markup_is_smuggled_through_a_handle(number):
    """Every naughty string after an "@", and every handle-looking part of it a member."""
    for text in naughty_strings()[number : number + 103]:
        source = f"@{text} and @{text.replace(' ', '_')}"
        members = {fold(match.group(1)) for match in MENTION.finditer(source)}
        html = render_markdown(source, members)
        assert sanitize(html) == html  # already inside the allow-list
        found = parsed(html)
        for tag, attrs in found.tags:
            assert not any(name.startswith("on") for name in attrs), (text, html)
            assert tag != "script", (text, html)
        for attrs, shown in found.mentions:
            assert set(attrs) == {"href", "class", "rel"}, (text, html)
            assert re.fullmatch(r"/members/[A-Za-z0-9%._\-~]+", attrs["href"]), (text, html)
            assert re.fullmatch(r"@[\w.\-]+", shown), (text, html)
