"""Generated initials avatars: who may fetch them, what they show, caching, contrast."""

import re

import pytest

from mediator_portal.accounts.services import avatars
from tests.forums.factories import make_topic


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", avatars.PALETTE)
def test_every_background_gives_white_text_aa_contrast(colour):
    assert (1.05) / (_luminance(colour) + 0.05) >= 4.5


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Άννα Παπαδοπούλου", "ΑΠ"),
        ("ελένη", "Ε"),
        ("Maria  de la Cruz", "MC"),
        ("  ", "?"),
        ("Ölçer Ümit", "OU"),
    ],
)
def test_initials(name, expected):
    assert avatars.initials(name) == expected


def test_avatar_is_an_svg_with_the_initials_and_a_stable_colour(member, user_of):
    browser = member("mediator")
    other = user_of("mediator", name="Γιώργος Νικολάου 2")
    answer = browser.get(f"/avatars/{other.id}.svg")
    assert answer.status_code == 200
    assert answer.mimetype == "image/svg+xml"
    svg = answer.text
    assert ">ΓΝ</text>" in svg  # letters only: "2" is no word
    assert avatars.colour(other.id) in svg
    assert browser.get(f"/avatars/{other.id}.svg").text == svg  # deterministic


def test_the_versioned_url_is_cached_long_and_answers_304_to_its_etag(member, user_of):
    browser = member("mediator")
    other = user_of("mediator", name="Ελένη Καρρά")
    version = avatars.avatar_version(other.id, "Ελένη Καρρά")
    answer = browser.get(f"/avatars/{other.id}.svg?v={version}")
    assert "max-age=31536000" in answer.headers["Cache-Control"]
    assert "private" in answer.headers["Cache-Control"]
    assert answer.headers["ETag"] == f'"{version}"'
    again = browser.get(f"/avatars/{other.id}.svg", headers={"If-None-Match": f'"{version}"'})
    assert again.status_code == 304
    stale = browser.get(f"/avatars/{other.id}.svg?v=old")
    assert "max-age=31536000" not in stale.headers["Cache-Control"]


def test_unknown_user_is_404(member):
    assert member("mediator").get("/avatars/999999.svg").status_code == 404


def test_signed_out_people_get_no_avatar(client, user_of):
    other = user_of("mediator")
    answer = client.get(f"/avatars/{other.id}.svg")
    assert answer.status_code in (302, 401)
    assert "svg" not in answer.headers.get("Content-Type", "")


def test_each_post_shows_its_authors_avatar(member, seed, user_of):
    author = user_of("trainer", name="Άννα Παπαδοπούλου")
    browser = member("mediator")
    topic = seed(lambda: make_topic(author=author.id and _row(author)).id)
    page = browser.get(f"/forums/t/{topic}").text
    version = avatars.avatar_version(author.id, author.name)
    assert re.search(
        rf'<img class="avatar" src="/avatars/{author.id}.svg\?v={version}" alt=""', page
    )


def _row(user):
    from tests.forums.conftest import account

    return account(user)
