"""Relative times: the text in both languages at a fixed clock, the <time> element, and
the topic page's cached posts telling the time anew as it passes."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale

from mediator_portal import relative_time
from tests.forums.factories import make_topic

# 14:30 in Athens (UTC+2 in December).
NOW = datetime(2026, 12, 2, 12, 30, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Fix the current moment used by relative times; returns a setter."""
    current = {"now": NOW}
    monkeypatch.setattr(relative_time, "now", lambda: current["now"])

    def set_now(moment):
        current["now"] = moment

    return set_now


CASES = [
    (timedelta(seconds=20), "just now", "μόλις τώρα"),
    (timedelta(minutes=1, seconds=5), "1 minute ago", "πριν από 1 λεπτό"),
    (timedelta(minutes=3), "3 minutes ago", "πριν από 3 λεπτά"),
    (timedelta(hours=1), "1 hour ago", "πριν από 1 ώρα"),
    (timedelta(hours=5, minutes=10), "5 hours ago", "πριν από 5 ώρες"),
    # 12:30 UTC - 20:25 = 16:05 UTC of the day before = 18:05 in Athens, yesterday.
    (timedelta(hours=20, minutes=25), "yesterday 18:05", "χθες 18:05"),
    # Three days before: the fixed Athens date and time.
    (timedelta(days=3), "29 Nov 2026, 14:30", "29 Νοε 2026, 14:30"),
]


@pytest.mark.parametrize("ago, english, greek", CASES)
def test_relative_text_in_both_languages(app, ago, english, greek):
    with app.test_request_context():
        for locale, expected in (("en", english), ("el", greek)):
            with force_locale(locale):
                assert relative_time.relative_text(NOW - ago, locale, NOW) == expected


def test_a_moment_just_after_athens_midnight_is_today_not_yesterday(app):
    # 00:10 Athens on 2 December is 22:10 UTC on 1 December: 14 hours ago, same Athens day.
    moment = datetime(2026, 12, 1, 22, 10, tzinfo=UTC)
    assert relative_time.bucket(moment, NOW, "en") == ("hours", 14)
    # 23:50 Athens on 1 December (21:50 UTC): yesterday, whatever the UTC date says.
    assert relative_time.bucket(datetime(2026, 12, 1, 21, 50, tzinfo=UTC), NOW, "en") == (
        "yesterday",
        "23:50",
    )


def test_a_future_moment_is_just_now():
    assert relative_time.bucket(NOW + timedelta(minutes=2), NOW, "en") == ("now",)


def test_the_time_element_carries_the_iso_moment_and_the_absolute_athens_time(app, clock):
    with app.test_request_context(), force_locale("en"):
        html = str(
            relative_time.relative_time({"current_locale": "en"}, NOW - timedelta(minutes=3))
        )
    assert 'datetime="2026-12-02T12:27:00+00:00"' in html
    assert 'title="2 Dec 2026, 14:27"' in html
    assert "3 minutes ago" in html and "(2 Dec 2026, 14:27)" in html  # read on focus
    assert "data-relative" in html


@pytest.mark.parametrize(
    "lang, minutes, later",
    [("en", "3 minutes ago", "yesterday 14:27"), ("el", "πριν από 3 λεπτά", "χθες 14:27")],
)
def test_the_topic_page_tells_the_time_anew_as_it_passes(member, seed, clock, lang, minutes, later):
    browser = member("mediator")
    topic = seed(lambda: make_topic(body="Καλημέρα").id)
    created = {}

    def post_time():
        page = browser.get(f"/forums/t/{topic}?lang={lang}").text
        match = re.search(
            r'<time datetime="([^"]+)"[^>]*><span class="time-relative">([^<]*)<', page
        )
        assert match, page
        created["at"] = datetime.fromisoformat(match.group(1))
        return match.group(2)

    post_time()  # learn when the post was written (now, by the real clock)
    clock(created["at"] + timedelta(minutes=3, seconds=5))
    assert post_time() == minutes
    # The same post, from the cache of rendered posts, a day later: not frozen.
    clock(created["at"] + timedelta(days=1))
    text = post_time()
    local = created["at"].astimezone(relative_time.ATHENS)
    expected = later.replace("14:27", f"{local:%H:%M}")
    assert text == expected


def test_the_page_gives_the_script_its_words(member, seed):
    browser = member("mediator")
    topic = seed(lambda: make_topic().id)
    page = browser.get(f"/forums/t/{topic}?lang=el").text
    assert 'data-text-minute-other="πριν από {n} λεπτά"' in page
    assert 'data-text-yesterday="χθες {time}"' in page
