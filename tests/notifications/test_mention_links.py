"""Mentions in posts link to the member's page: resolved when the post is saved (posts store
their HTML), one query when the text mentions someone and none otherwise; unknown,
shared and deactivated handles stay text; an edit resolves them again."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.forums.models import Post
from mediator_portal.notifications.services import handle
from mediator_portal.text import member_path
from tests.factories import make_user
from tests.forums.factories import make_post, make_topic

pytestmark = pytest.mark.database

NAME = "Ζωή Καραγιάννη"


def test_a_mention_of_a_member_is_stored_as_a_link(app_ctx):
    make_user("mediator", name=NAME)
    post = make_post(make_topic(), body=f"@{handle(NAME)} and @nobody_here, see `@{handle(NAME)}`")
    db.session.commit()
    html = post.body_html
    assert html.count('class="mention"') == 1
    assert f'href="{member_path(handle(NAME))}"' in html
    assert "@nobody_here" in html and "<code>@" in html


def test_deactivated_and_shared_handles_stay_text(app_ctx):
    make_user("mediator", name="Άννα Λ", active=False)
    make_user("mediator", name="Νίκος Π")
    make_user("trainer", name="ΝΙΚΟΣ Π")
    post = make_post(make_topic(), body="@άννα_λ @νικος_π")
    assert 'class="mention"' not in post.body_html


def test_an_edit_links_a_member_who_has_joined_since(app_ctx):
    author = make_user("mediator")
    post = make_post(make_topic(), author=author, body=f"@{handle(NAME)} θα έρθει;")
    assert 'class="mention"' not in post.body_html
    make_user("mediator", name=NAME)
    forums.edit_post(db.session, post=post, editor=author, body=f"@{handle(NAME)} ήρθε!")
    db.session.commit()
    assert 'class="mention"' in db.session.get(Post, post.id).body_html


def test_a_post_without_mentions_asks_nothing_of_the_accounts(app_ctx, count_queries):
    topic = make_topic()
    db.session.commit()
    with count_queries() as statements:
        make_post(topic, body="Καμία αναφορά εδώ, μόνο ένα e-mail: a@b.org")
    assert not any("FROM users" in s and "users.name" in s and "active" in s for s in statements)


def test_the_topic_page_shows_the_link(seed, member):
    browser = member("mediator")

    def create():
        make_user("mediator", name=NAME)
        return make_post(make_topic(), body=f"Ρωτήστε @{handle(NAME)}").topic_id

    topic_id = seed(create)
    html = browser.get(f"/forums/t/{topic_id}").get_data(as_text=True)
    assert f'<a href="{member_path(handle(NAME))}" class="mention"' in html
    assert browser.get(member_path(handle(NAME))).status_code == 200


def test_previews_link_mentions_as_the_saved_post_will(seed, member):
    """The live preview and the no-JavaScript preview of a reply show what posting stores."""
    browser = member("mediator")

    def create():
        make_user("mediator", name=NAME)
        return make_topic().id

    topic_id = seed(create)
    link = f'<a href="{member_path(handle(NAME))}" class="mention"'
    body = f"Ρωτήστε @{handle(NAME)} ή @nobody_here"
    live = browser.post("/forums/preview", data={"body": body}).get_json()["html"]
    assert link in live and "@nobody_here" in live
    page = browser.post(
        f"/forums/t/{topic_id}/reply", data={"body": body, "preview": "Preview"}
    ).get_data(as_text=True)
    assert link in page
