"""Markdown to safe HTML: what is kept, what is dropped, and the helpers around it."""

import pytest

from mediator_portal.text import plain_excerpt, quote_markdown, render_markdown
from tests.forums.hostile_inputs import problems_in


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold** and *italic*", "<strong>bold</strong> and <em>italic</em>"),
        ("~~gone~~", "<s>gone</s>"),
        ("# Title", '<h3 dir="auto">Title</h3>'),
        ("###### Small", '<h6 dir="auto">Small</h6>'),
        ("- one\n- two", '<li dir="auto">one</li>'),
        ("3. three", '<ol start="3">'),
        ("> quoted", '<blockquote dir="auto">'),
        ("`code`", "<code>code</code>"),
        ("```python\nprint(1)\n```", '<code class="language-python">print(1)'),
        ("| a | b |\n|:-|-:|\n| 1 | 2 |", '<td dir="auto" class="align-right">2</td>'),
        (
            "[EETAA](https://www.eetaa.gr)",
            '<a href="https://www.eetaa.gr" rel="nofollow noopener noreferrer">EETAA</a>',
        ),
        ("see https://example.org/x", '<a href="https://example.org/x" rel="nofollow'),
        ("write to info@example.org", 'href="mailto:info@example.org"'),
        ("مرحبا", '<p dir="auto">مرحبا</p>'),
    ],
)
def test_markdown_features_render(source, expected):
    assert expected in render_markdown(source)


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "![x](https://example.org/a.png)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_dangerous_markup_is_text_or_dropped(source):
    html = render_markdown(source)
    assert "<script" not in html
    assert "<img" not in html
    assert problems_in(html) == []


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>hi</b>") == '<p dir="auto">&lt;b&gt;hi&lt;/b&gt;</p>'


def test_links_carry_no_target_and_the_fixed_rel():
    html = render_markdown('[a](https://example.org "Title")')
    assert 'title="Title"' in html
    assert "target=" not in html
    assert html.count("rel=") == 1


@pytest.mark.parametrize("source", ["", "   ", "\n\n\t"])
def test_empty_input_renders_nothing(source):
    assert render_markdown(source) == ""


def test_plain_excerpt_strips_markup_and_cuts():
    assert plain_excerpt("# Title\n\n**bold** text", 100) == "Title bold text"
    cut = plain_excerpt("word " * 100, 20)
    assert len(cut) <= 20 and cut.endswith("…")


def test_quote_markdown_quotes_every_line():
    quoted = quote_markdown("first\n\nsecond", "Αμίνα")
    assert quoted == "Αμίνα:\n> first\n>\n> second\n\n"
    assert "<blockquote" in render_markdown(quoted)
