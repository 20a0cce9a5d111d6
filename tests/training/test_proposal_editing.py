"""Editing a proposal: its author may change title, text, theme and languages while it is
proposed or under review (not after an answer beyond that), trainers and administrators
always, nobody else; every change keeps the earlier version, shown in the history; bad
input is refused beside its field with what was typed kept (never a 500)."""

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.training import services
from mediator_portal.training.models import ProposalRevision
from tests.clients import form_value
from tests.factories import make_user
from tests.support import naughty_sample
from tests.training.conftest import account
from tests.training.factories import make_proposal, make_theme, make_trainer_answer

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def authored(browser, status: str | None = None, languages=("el",)):
    """A proposal by `browser`'s account (moved to `status`), and a second theme; ids."""

    def build():
        theme, other = make_theme(name_en="Health"), make_theme(name_en="Law")
        proposal = make_proposal(
            account(browser),
            title="Διερμηνεία σε νοσοκομεία",
            body="Αρχικό κείμενο",
            theme=theme,
            languages=languages,
        )
        if status in ("under_review", "accepted"):
            make_trainer_answer(proposal, "under_review")
        if status == "accepted":
            make_trainer_answer(proposal, "accepted")
        return {"proposal": proposal.id, "theme": theme.id, "other": other.id}

    return build


def form(ids, **changes) -> dict:
    data = {
        "title": "Διερμηνεία σε νοσοκομεία και κέντρα υγείας",
        "body": "Νέο κείμενο",
        "theme": str(ids["other"]),
        "languages": ["ar", "el"],
    }
    return data | changes


def opened(browser, url: str) -> str:
    """The version mark of the edit form at `url`, as a browser opening it gets it."""
    return form_value(browser.get(url).text, "seen") or ""


def stored(app, proposal_id: int):
    with app.app_context():
        proposal = services.get_proposal(db.session, proposal_id)
        revisions = list(
            db.session.scalars(
                select(ProposalRevision).where(ProposalRevision.proposal_id == proposal_id)
            )
        )
        return proposal, revisions


@pytest.mark.parametrize("status", ["proposed", "under_review"])
def test_the_author_edits_while_open_to_review_and_the_old_version_is_kept(
    app, member, seed, status
):
    author = member("mediator")
    ids = seed(authored(author, status))
    url = f"/training/p/{ids['proposal']}"
    assert f'href="{url}/edit"' in author.get(url).text
    edit_page = author.get(f"{url}/edit")
    assert edit_page.status_code == 200 and "Αρχικό κείμενο" in edit_page.text
    response = author.post(f"{url}/edit", data=form(ids))
    assert response.status_code == 302
    proposal, [revision] = stored(app, ids["proposal"])
    assert proposal.title == "Διερμηνεία σε νοσοκομεία και κέντρα υγείας"
    assert proposal.body == "Νέο κείμενο" and proposal.theme_id == ids["other"]
    assert proposal.language_codes == ["ar", "el"] and proposal.edited_at is not None
    assert (revision.title, revision.body, revision.theme_id, revision.languages) == (
        "Διερμηνεία σε νοσοκομεία",
        "Αρχικό κείμενο",
        ids["theme"],
        "el",
    )
    history = author.get(f"{url}/history").text
    assert "Αρχικό κείμενο" in history and "Νέο κείμενο" in history
    assert f'href="{url}/history"' in author.get(url).text
    # The similar-titles search finds it by its new title.
    found = author.get("/training/similar.json?q=κεντρα υγειας").json["items"]
    assert [item["id"] for item in found] == [ids["proposal"]]


def test_an_unchanged_form_keeps_no_version(app, member, seed):
    author = member("mediator")
    ids = seed(authored(author))
    same = {"title": "Διερμηνεία σε νοσοκομεία", "body": "Αρχικό κείμενο"}
    data = form(ids, theme=str(ids["theme"]), languages=["el"], **same)
    assert author.post(f"/training/p/{ids['proposal']}/edit", data=data).status_code == 302
    proposal, revisions = stored(app, ids["proposal"])
    assert revisions == [] and proposal.edited_at is None


def test_languages_can_be_removed_and_added_again(app, member, seed):
    author = member("mediator")
    ids = seed(authored(author, languages=("ar", "el")))
    url = f"/training/p/{ids['proposal']}/edit"
    for languages in (["fa"], ["ar", "el", "fa"], []):
        data = form(ids, languages=languages, seen=opened(author, url))
        assert author.post(url, data=data).status_code == 302
        assert stored(app, ids["proposal"])[0].language_codes == languages


def test_a_proposal_of_an_archived_theme_keeps_it_when_edited(app, member, seed):
    author = member("mediator")
    ids = seed(authored(author))

    def archive():
        services.get_theme(db.session, ids["theme"]).archived = True

    seed(archive)
    url = f"/training/p/{ids['proposal']}/edit"
    assert f'value="{ids["theme"]}"' in author.get(url).text
    response = author.post(url, data=form(ids, theme=str(ids["theme"])))
    assert response.status_code == 302
    assert stored(app, ids["proposal"])[0].theme_id == ids["theme"]
    other = form(ids, theme=str(ids["other"]), seen=opened(author, url))
    assert author.post(url, data=other).status_code == 302  # another live theme: fine


def test_two_editors_of_one_version_do_not_overwrite_each_other(app, member, seed):
    author, trainer = member("mediator"), member("trainer")
    ids = seed(authored(author))
    url = f"/training/p/{ids['proposal']}/edit"
    mine, theirs = opened(author, url), opened(trainer, url)
    assert mine == theirs == ""
    assert trainer.post(url, data=form(ids, seen=theirs, body="Του εκπαιδευτή")).status_code == 302
    late = author.post(url, data=form(ids, seen=mine, body="Της συντάκτριας"))
    assert late.status_code == 409
    assert "Someone else edited this proposal" in late.text and "Της συντάκτριας" in late.text
    proposal, revisions = stored(app, ids["proposal"])
    assert proposal.body == "Του εκπαιδευτή" and len(revisions) == 1
    # Opened again, on the new version, the author's save goes through.
    again = form(ids, seen=opened(author, url), body="Της συντάκτριας")
    assert author.post(url, data=again).status_code == 302
    assert stored(app, ids["proposal"])[0].body == "Της συντάκτριας"


def test_the_author_cannot_edit_once_accepted(app, member, seed):
    author = member("mediator")
    ids = seed(authored(author, "accepted"))
    url = f"/training/p/{ids['proposal']}"
    assert f'href="{url}/edit"' not in author.get(url).text
    assert author.get(f"{url}/edit").status_code == 409
    response = author.post(f"{url}/edit", data=form(ids))
    assert response.status_code == 409 and "can no longer be edited" in response.text
    assert stored(app, ids["proposal"])[1] == []


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_nobody_else_edits_someone_s_proposal(app, member, seed, role):
    author, other = member("mediator"), member(role)
    ids = seed(authored(author))
    url = f"/training/p/{ids['proposal']}"
    assert f'href="{url}/edit"' not in other.get(url).text
    assert other.get(f"{url}/edit").status_code == 403
    assert other.post(f"{url}/edit", data=form(ids)).status_code == 403
    assert stored(app, ids["proposal"])[1] == []


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainers_and_admins_edit_any_proposal_at_any_time_and_it_is_audited(
    app, member, seed, role
):
    author, manager = member("mediator"), member(role)
    ids = seed(authored(author, "accepted"))
    response = manager.post(f"/training/p/{ids['proposal']}/edit", data=form(ids))
    assert response.status_code == 302
    proposal, [revision] = stored(app, ids["proposal"])
    assert revision.editor_id == manager.user.id
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "training.proposal.edit")
        )
        assert entry.actor_id == manager.user.id and entry.target_id == ids["proposal"]
        assert set(entry.details["fields"]) == {"title", "body", "theme", "languages"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Please give the proposal a title."),
        ({"title": "Χ" * 201}, "The title is too long"),
        ({"body": " \n "}, "Please describe what the training should cover."),
        ({"body": "Χ" * 10_001}, "The text is too long"),
        ({"theme": "999999"}, "Please choose one of the themes in the list."),
        ({"theme": "abc"}, "Please choose one of the themes in the list."),
        ({"languages": ["xx"]}, "Please choose languages from the list."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_kept(app, member, seed, changes, message):
    author = member("mediator")
    ids = seed(authored(author))
    response = author.post(f"/training/p/{ids['proposal']}/edit", data=form(ids, **changes))
    assert response.status_code == 422
    assert message in response.text and 'class="govgr-error-message"' in response.text
    if "body" not in changes:
        assert "Νέο κείμενο" in response.text  # what was typed is kept
    assert stored(app, ids["proposal"])[1] == []


def test_naughty_titles_and_texts_never_break_the_page(app, member, seed):
    author = member("mediator")
    ids = seed(authored(author))
    url = f"/training/p/{ids['proposal']}/edit"
    for text in naughty_sample()[:40]:
        data = form(ids, title=text or "x", body=text or "x", seen=opened(author, url))
        response = author.post(url, data=data)
        assert response.status_code in (302, 422), repr(text)
    assert author.get(f"/training/p/{ids['proposal']}/history").status_code == 200


def test_the_service_names_its_refusals(app_ctx):
    author, stranger = make_user("mediator"), make_user("mediator")
    proposal = make_proposal(author)
    fields = {"title": "Χ", "body": "Υ", "theme_id": proposal.theme_id}
    with pytest.raises(services.NotAllowed):
        services.edit_proposal(db.session, proposal, editor=stranger, **fields)
    services.edit_proposal(db.session, proposal, editor=author, **fields)
    with pytest.raises(services.EditConflict):
        services.edit_proposal(db.session, proposal, editor=author, **fields, seen="")
    make_trainer_answer(proposal, "accepted")
    with pytest.raises(services.ProposalLocked):
        services.edit_proposal(db.session, proposal, editor=author, **fields)
    archived = make_theme(archived=True)
    with pytest.raises(services.UnknownTheme):
        services.edit_proposal(
            db.session, proposal, editor=make_user("trainer"), **fields | {"theme_id": archived.id}
        )
