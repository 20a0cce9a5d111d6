"""A session's material closes the loop: a trainer adds files or a link from the session's
page; they land in the library's "Training meetings" section, linked back to the session;
the proposers, supporters, those going and those present are notified once per addition
(not the trainer, not others, not anyone who may not see the item); mediators cannot add;
bad input gets its message beside the field and stores nothing."""

import io

import pytest
from sqlalchemy import func, select

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.library import services as library
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from mediator_portal.training.models import Attendance, SessionMaterial
from tests.factories import make_user
from tests.library.conftest import files_on_disk
from tests.library.factories import make_section
from tests.training.conftest import account
from tests.training.factories import make_proposal, make_session, make_trainer_answer

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def session_people(trainer=None) -> dict:
    """A session covering a proposal (its proposer also going), with a supporter, someone
    going, someone present, someone answering "maybe" and an outsider; ids."""
    trainer = trainer or make_user("trainer")
    proposer, supporter, going, present, maybe, outsider = (
        make_user("mediator", name=name)
        for name in ("Προτείνων", "Υποστηρικτής", "Έρχεται", "Παρών", "Ίσως", "Άσχετος")
    )
    proposal = make_proposal(proposer, title="Διερμηνεία στην υγεία")
    services.support(db.session, proposal, supporter)
    make_trainer_answer(proposal, "accepted", trainer=trainer)
    row = make_session(trainer, title="Συνάντηση για τη διερμηνεία")
    services.schedule(db.session, [proposal], row=row, actor=trainer, body="Προγραμματίστηκε")
    for person, answer in ((going, "going"), (proposer, "going"), (maybe, "maybe")):
        services.answer_session(db.session, row, person, answer)
    db.session.add(Attendance(session_id=row.id, user_id=present.id, status="present"))
    db.session.flush()
    ids = {"session": row.id, "trainer": trainer.id, "proposal": proposal.id}
    for name, person in (
        ("proposer", proposer),
        ("supporter", supporter),
        ("going", going),
        ("present", present),
        ("maybe", maybe),
        ("outsider", outsider),
    ):
        ids[name] = person.id
    return ids


AUDIENCE = ("proposer", "supporter", "going", "present")


def material_notices(app) -> list[tuple[int, int]]:
    """(recipient, target id) of every material notification, in order."""
    with app.app_context():
        rows = db.session.execute(
            select(Notification.recipient_id, Notification.target_id)
            .where(Notification.kind == services.MATERIAL_KIND)
            .order_by(Notification.id)
        )
        return [tuple(row) for row in rows]


def files(*pairs):
    return [(io.BytesIO(data), name) for data, name in pairs]


def test_mediators_cannot_add_material_nor_see_the_form(app, member, seed, uploads):
    browser = member("mediator")
    ids = seed(session_people)
    url = f"/training/sessions/{ids['session']}"
    assert f'action="{url}/material"' not in browser.get(url).text
    response = browser.post(
        f"{url}/material",
        data={"kind": "link", "url": "https://example.org/x", "title": "Χ"},
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SessionMaterial)) == 0
    assert material_notices(app) == []


def test_a_trainer_uploads_files_and_each_person_is_told_once(app, member, seed, uploads):
    trainer = member("trainer")
    ids = seed(lambda: session_people(account(trainer)))
    url = f"/training/sessions/{ids['session']}"
    assert f'action="{url}/material"' in trainer.get(url).text
    response = trainer.post(
        f"{url}/material",
        data={
            "kind": "file",
            "files": files((b"Slides\n", "διαφάνειες.txt"), (b"Notes\n", "notes.txt")),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#material")
    with app.app_context():
        items = list(
            db.session.scalars(
                select(SessionMaterial.library_item_id).where(
                    SessionMaterial.session_id == ids["session"]
                )
            )
        )
        assert len(items) == 2
        found = library.items_by_id(db.session, items)
        sections = {found[item].section_id for item in items}
        [section] = sections
        assert library.get_section(db.session, section).name_en == "Training meetings"
    assert len(files_on_disk(uploads)) == 2
    notices = material_notices(app)
    assert sorted(recipient for recipient, _ in notices) == sorted(ids[name] for name in AUDIENCE)
    assert {target for _, target in notices} == {min(items)}

    # A second addition (a link) is told again, once each; the section is reused.
    response = trainer.post(
        f"{url}/material",
        data={"kind": "link", "url": "https://video.example.org/rec", "title": "Καταγραφή"},
    )
    assert response.status_code == 302
    assert len(material_notices(app)) == 2 * len(AUDIENCE)
    with app.app_context():
        assert len(library.all_sections(db.session)) == 1
    page = trainer.get(url).text
    assert "διαφάνειες" in page and "notes" in page and "Καταγραφή" in page


def test_an_existing_training_meetings_section_is_used(app, member, seed, uploads):
    trainer = member("trainer")

    def build():
        make_section("Επιμορφωτικές συναντήσεις", name_en="Training meetings")
        return session_people(account(trainer))

    ids = seed(build)
    trainer.post(
        f"/training/sessions/{ids['session']}/material",
        data={"kind": "link", "url": "https://example.org/a", "title": "Α"},
    )
    with app.app_context():
        assert len(library.all_sections(db.session)) == 1


def test_restricted_material_is_hidden_and_told_to_nobody_who_cannot_see_it(
    app, member, seed, uploads
):
    trainer, mediator = member("trainer"), member("mediator")

    def build():
        ids = session_people(account(trainer))
        row = services.get_session(db.session, ids["session"])
        services.answer_session(db.session, row, account(mediator), "going")
        other = make_user("trainer")
        services.answer_session(db.session, row, other, "going")
        ids["other_trainer"] = other.id
        return ids

    ids = seed(build)
    url = f"/training/sessions/{ids['session']}"
    response = trainer.post(
        f"{url}/material",
        data={
            "kind": "link",
            "url": "https://example.org/trainers-only",
            "title": "Μόνο για εκπαιδευτές",
            "visible_to": ["trainer"],
        },
    )
    assert response.status_code == 302
    assert [recipient for recipient, _ in material_notices(app)] == [ids["other_trainer"]]
    assert "Μόνο για εκπαιδευτές" not in mediator.get(url).text
    assert "Μόνο για εκπαιδευτές" in trainer.get(url).text


def test_the_library_item_links_back_to_the_session(app, member, seed, uploads):
    trainer, mediator = member("trainer"), member("mediator")
    ids = seed(lambda: session_people(account(trainer)))
    trainer.post(
        f"/training/sessions/{ids['session']}/material",
        data={"kind": "link", "url": "https://example.org/rec", "title": "Καταγραφή"},
    )
    with app.app_context():
        item_id = db.session.scalar(select(SessionMaterial.library_item_id))
    page = mediator.get(f"/library/items/{item_id}")
    assert page.status_code == 200
    assert "Material of the training session" in page.text
    assert f'href="/training/sessions/{ids["session"]}"' in page.text
    assert "Συνάντηση για τη διερμηνεία" in page.text
    # An item of no session has no such line.
    with app.app_context():
        other = library.create_link(
            db.session, actor=account(trainer), url="https://example.org/b", title="Άλλο"
        )
        db.session.commit()
        other_id = other.id
    assert "Material of the training session" not in mediator.get(f"/library/items/{other_id}").text


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"kind": "file"}, 422, "Please choose at least one file."),
        ({"kind": "link", "title": "Χ"}, 422, "Please give the web address."),
        ({"kind": "link", "url": "https://example.org/x"}, 422, "Please give the link a title."),
        ({"kind": "link", "url": "javascript:alert(1)", "title": "Χ"}, 400, "http"),
        ({"kind": "nonsense", "url": "https://example.org/x", "title": "Χ"}, 422, "Not a valid"),
    ],
)
def test_bad_input_is_refused_beside_the_field(app, member, seed, uploads, data, status, message):
    trainer = member("trainer")
    ids = seed(lambda: session_people(account(trainer)))
    response = trainer.post(f"/training/sessions/{ids['session']}/material", data=data)
    assert response.status_code == status
    assert message in response.text and 'class="govgr-error-message"' in response.text
    assert material_notices(app) == []


def test_a_refused_file_stores_nothing_and_tells_nobody(app, member, seed, uploads):
    trainer = member("trainer")
    ids = seed(lambda: session_people(account(trainer)))
    response = trainer.post(
        f"/training/sessions/{ids['session']}/material",
        data={
            "kind": "file",
            "files": files(
                (b"fine\n", "fine.txt"), (b"<html><script>alert(1)</script></html>", "evil.pdf")
            ),
        },
        content_type="multipart/form-data",
    )
    assert 400 <= response.status_code < 500
    assert 'class="govgr-error-message"' in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SessionMaterial)) == 0
        assert db.session.scalar(select(func.count()).select_from(storage.StoredFile)) == 0
    assert files_on_disk(uploads) == []
    assert material_notices(app) == []


def test_the_service_refuses_mediators_and_empty_additions(app_ctx):
    row = make_session()
    with pytest.raises(services.NotAllowed):
        services.add_material(
            db.session, row, actor=make_user("mediator"), url="https://example.org/x", title="Χ"
        )
    with pytest.raises(services.NoMaterial):
        services.add_material(db.session, row, actor=make_user("trainer"))
    with pytest.raises(services.LinkTitleMissing):
        services.add_material(
            db.session, row, actor=make_user("trainer"), url="https://example.org/x"
        )
