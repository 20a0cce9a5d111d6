"""The training pages: deny by default, private notes on no route a mediator or supervisor
reaches, 404 for unknown ids, bad input answered 4xx with a clear message (never a 500),
post/redirect/get and the JSON siblings."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.training.models import Proposal, Support
from tests.support import naughty_strings
from tests.training.conftest import NOTE


def proposal_routes(w) -> list[str]:
    p = w["proposal"]
    return [
        "/training/",
        "/training/?status=under_review",
        "/training/review",
        f"/training/p/{p}",
        f"/training/p/{p}.json",
        f"/training/p/{p}/notes.json",
        f"/training/p/{p}/answer",
        "/training/similar.json?q=διερμηνεια",
    ]


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_private_notes_are_on_no_route_mediators_and_supervisors_reach(member, world, role):
    browser = member(role)
    for url in proposal_routes(world):
        response = browser.get(url)
        assert NOTE not in response.text, url
        assert response.status_code in (200, 403), url
    assert browser.get(f"/training/p/{world['proposal']}/notes.json").status_code == 403
    assert "Private notes" not in browser.get(f"/training/p/{world['proposal']}").text
    assert "notes" not in browser.get(f"/training/p/{world['proposal']}.json").json


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainers_and_admins_see_the_notes_on_the_page_and_in_json(member, world, role):
    browser = member(role)
    p = world["proposal"]
    assert NOTE in browser.get(f"/training/p/{p}").text
    assert NOTE in browser.get(f"/training/p/{p}.json").json["notes"][0]["html"]
    assert NOTE in browser.get(f"/training/p/{p}/notes.json").json["notes"][0]["html"]


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_mediators_and_supervisors_cannot_answer_note_or_keep_themes(member, world, role):
    browser = member(role)
    p = world["proposal"]
    for url, data in [
        (f"/training/p/{p}/answer", {"status": "accepted", "body": "Ναι"}),
        (f"/training/p/{p}/notes", {"body": "Σημείωση"}),
        ("/training/themes", {"name_el": "Νέα"}),
        (f"/training/themes/{world['theme']}/edit", {"name_el": "Άλλη"}),
    ]:
        assert browser.post(url, data=data).status_code == 403, url
    assert browser.get("/training/review").status_code == 403


def test_visitors_are_sent_to_sign_in_and_json_gets_401(client, world):
    page = client.get(f"/training/p/{world['proposal']}")
    assert page.status_code == 302 and "/auth/login" in page.headers["Location"]
    assert client.get("/training/similar.json?q=abc").status_code == 401


@pytest.mark.parametrize(
    "url",
    [
        "/training/p/999999",
        "/training/p/999999.json",
        "/training/c/999999/edit",
        "/training/c/999999/history",
        "/training/themes/999999/edit",
        "/training/p/999999/answer",
        "/training/?page=999",
    ],
)
def test_unknown_ids_are_404(member, world, url):
    assert member("admin").get(url).status_code == 404


def test_a_mediator_proposes_a_topic_and_follows_it(app, member, world):
    browser = member("mediator")
    page = browser.get("/training/new")
    assert page.status_code == 200 and "Health" in page.text
    response = browser.post(
        "/training/new",
        data={
            "title": "Ψυχική υγεία",
            "body": "**Γιατί**",
            "theme": world["theme"],
            "languages": ["ar"],
        },
    )
    assert response.status_code == 302
    shown = browser.get(response.headers["Location"]).text
    assert "Ψυχική υγεία" in shown and "<strong>Γιατί</strong>" in shown and "Arabic" in shown
    assert "Stop following" in shown


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": " ", "body": "x"}, "Please give the proposal a title."),
        ({"title": "x" * 201, "body": "x"}, "The title is too long"),
        ({"title": "Τίτλος", "body": " "}, "Please describe what the training should cover."),
        ({"title": "Τίτλος", "body": "x", "theme": "999999"}, "Please choose one of the themes"),
        ({"title": "Τίτλος", "body": "x", "theme": "abc"}, "Please choose one of the themes"),
        ({"title": "Τίτλος", "body": "x", "languages": ["xx"]}, "Please choose languages"),
        ({"title": "Bell\x07", "body": "x"}, "invisible control characters"),
    ],
)
def test_a_bad_proposal_is_shown_again_with_a_clear_message(app, member, world, data, message):
    browser = member("mediator")
    form = {"theme": world["theme"]} | data
    response = browser.post("/training/new", data=form)
    assert response.status_code == 422 and message in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Proposal)) == 2


def test_naughty_titles_never_make_a_500(member, world):
    browser = member("mediator")
    for text in naughty_strings()[:60]:
        response = browser.post(
            "/training/new", data={"title": text, "body": text, "theme": world["theme"]}
        )
        assert response.status_code in (302, 422), repr(text)
        similar = browser.get("/training/similar.json", query_string={"q": text})
        assert similar.status_code in (200, 400), repr(text)


def test_similar_titles_come_as_json_accent_insensitive(member, world):
    browser = member("mediator")
    found = browser.get("/training/similar.json?q=ΔΙΕΡΜΗΝΕΙΑ υγειας").json["items"]
    assert [item["id"] for item in found] == [world["proposal"]]
    assert found[0]["url"] == f"/training/p/{world['proposal']}"
    assert found[0]["status_label"] == "Under review"
    too_long = browser.get("/training/similar.json?q=" + "x" * 201)
    assert too_long.status_code == 400 and "too long" in too_long.json["message"]


def test_support_withdraw_follow_by_button_and_json(app, member, world):
    browser = member("mediator")
    p = world["proposal"]
    assert browser.post(f"/training/p/{p}/support").status_code == 302
    state = browser.post(f"/training/p/{p}/support", headers={"Accept": "application/json"}).json
    assert state == {"supported": True, "following": True, "supports": 1}
    state = browser.post(
        f"/training/p/{p}/follow", data={"value": "off"}, headers={"Accept": "application/json"}
    ).json
    assert state["following"] is False
    page = browser.get(f"/training/p/{p}").text
    assert "Withdraw my support" in page and "Follow it to be told of every answer." in page
    browser.post(f"/training/p/{p}/withdraw")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Support)) == 0
        assert db.session.get(Proposal, p).support_count == 0


def test_a_merged_proposal_links_to_its_survivor_and_refuses_support(member, world, seed):
    p, other = world["proposal"], world["other"]
    trainer = member("trainer")
    response = trainer.post(
        f"/training/p/{p}/answer",
        data={"status": "merged", "merge_into": str(other), "body": "Το ίδιο θέμα"},
    )
    assert response.status_code == 302
    browser = member("mediator")
    page = browser.get(f"/training/p/{p}").text
    assert f'href="/training/p/{other}"' in page and "merged into another one" in page
    refused = browser.post(f"/training/p/{p}/support")
    assert refused.status_code == 409 and "merged into another one" in refused.text
    assert (
        browser.post(f"/training/p/{p}/support", headers={"Accept": "application/json"}).json[
            "code"
        ]
        == "proposal_merged"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "covered", "body": "x"}, "Please choose one of the statuses offered."),
        ({"status": "accepted", "body": " "}, "Please write the answer members will read."),
        ({"status": "merged", "merge_into": "abc", "body": "x"}, "Please give the number"),
        ({"status": "merged", "merge_into": "999999", "body": "x"}, "Choose another open"),
        ({"status": "merged", "merge_into": "99999999999", "body": "x"}, "Choose another open"),
        ({"status": "merged", "merge_into": "SELF", "body": "x"}, "Choose another open"),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_message(member, world, data, message):
    p = world["proposal"]
    data = {key: str(p) if value == "SELF" else value for key, value in data.items()}
    response = member("trainer").post(f"/training/p/{p}/answer", data=data)
    assert response.status_code == 422 and message in response.text


def test_a_trainer_answers_and_the_timeline_shows_it(member, world):
    p = world["proposal"]
    trainer = member("trainer")
    form = trainer.get(f"/training/p/{p}/answer").text
    assert 'value="accepted"' in form and 'value="covered"' not in form
    trainer.post(
        f"/training/p/{p}/answer", data={"status": "accepted", "body": "Θα γίνει *σύντομα*"}
    )
    page = member("mediator").get(f"/training/p/{p}").text
    assert "<em>σύντομα</em>" in page and "Το εξετάζουμε" in page
    assert page.index("Το εξετάζουμε") < page.index("σύντομα")
