"""The training pages, continued: comments with their history, the list's sorts and
filters, themes, the review queue, a final status, naughty comments."""

from tests.support import naughty_strings
from tests.training.conftest import account
from tests.training.factories import make_proposal


def test_comments_are_posted_edited_with_history_only_by_their_author(member, world):
    p = world["proposal"]
    author, other = member("mediator"), member("mediator")
    response = author.post(f"/training/p/{p}/comments", data={"body": "Πρώτο"})
    assert response.status_code == 302
    comment_id = int(response.headers["Location"].rsplit("comment-", 1)[1])
    assert other.get(f"/training/c/{comment_id}/edit").status_code == 403
    assert (
        author.post(f"/training/c/{comment_id}/edit", data={"body": "Δεύτερο"}).status_code == 302
    )
    history = other.get(f"/training/c/{comment_id}/history").text
    assert "Πρώτο" in history and "Δεύτερο" in history
    assert author.post(f"/training/p/{p}/comments", data={"body": " "}).status_code == 422


def test_the_list_sorts_filters_and_shows_mine_and_supported(app, member, world, seed):
    browser = member("mediator")

    def mine():
        own = make_proposal(account(browser), title="Δική μου πρόταση")
        return own.id

    own = seed(mine)
    browser.post(f"/training/p/{world['other']}/support")
    listed = browser.get("/training/?scope=mine").text
    assert "Δική μου πρόταση" in listed and "Άδειες διαμονής" not in listed
    listed = browser.get("/training/?scope=supported").text
    assert "Άδειες διαμονής" in listed and "Δική μου πρόταση" not in listed
    assert "You support this" in listed
    listed = browser.get("/training/?status=under_review").text
    assert "Διερμηνεία" in listed and "Άδειες" not in listed
    newest = browser.get("/training/?sort=newest").text
    assert newest.index("Δική μου πρόταση") < newest.index("Άδειες διαμονής")
    supported = browser.get("/training/?sort=support").text
    assert supported.index("Άδειες διαμονής") < supported.index("Δική μου πρόταση")
    answered = browser.get("/training/?sort=answered").text
    assert answered.index("Διερμηνεία") < answered.index("Δική μου πρόταση")
    # Unknown filter values count as unset, never a 500.
    assert browser.get("/training/?sort=x&status=y&scope=z&theme=abc&page=x").status_code == 200
    assert own


def test_themes_are_added_and_archived_by_trainers(member, world):
    trainer = member("trainer")
    assert (
        trainer.post(
            "/training/themes", data={"name_el": "Εκπαίδευση", "name_en": "Education"}
        ).status_code
        == 302
    )
    assert "Εκπαίδευση" in trainer.get("/training/themes").text
    response = trainer.post(
        f"/training/themes/{world['theme']}/edit",
        data={"name_el": "Υγεία", "name_en": "Health", "archived": "y"},
    )
    assert response.status_code == 302
    assert "Health" not in member("mediator").get("/training/new").text


def test_the_review_queue_lists_unanswered_first(member, world):
    page = member("trainer").get("/training/review").text
    assert page.index("Άδειες διαμονής") < page.index("Διερμηνεία")
    assert "Unanswered" in page


def test_a_final_status_takes_no_answer(member, world, seed):
    p = world["proposal"]
    trainer = member("trainer")
    for status in ("accepted", "scheduled", "covered"):
        trainer.post(f"/training/p/{p}/answer", data={"status": status, "body": "x"})
    assert "status is final" in trainer.get(f"/training/p/{p}/answer").text
    refused = trainer.post(f"/training/p/{p}/answer", data={"status": "accepted", "body": "x"})
    assert refused.status_code == 409 and "cannot move to this status" in refused.text


def test_naughty_comments_never_make_a_500(member, world):
    browser = member("mediator")
    for text in naughty_strings()[:60]:
        response = browser.post(f"/training/p/{world['other']}/comments", data={"body": text})
        assert response.status_code in (302, 422), repr(text)
