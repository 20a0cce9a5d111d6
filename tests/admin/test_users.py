"""Admin account pages: list and search, invite, edit, role, deactivate, re-send."""

import pytest
from sqlalchemy import select

from mediator_portal.accounts.models import User
from mediator_portal.audit import AuditEntry
from tests.admin.conftest import invitation_path
from tests.factories import DEFAULT_PASSWORD
from tests.jobs_support import wait_for
from tests.smtp import body_of

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

NEW_PASSWORD = "a long and unusual passphrase 42"


def invite_data(**fields) -> dict:
    data = {
        "name": "Αμίνα Χασάν",
        "email": "amina@example.org",
        "role": "mediator",
        "municipality_id": "",
        "languages": ["el", "ar"],
        "locale": "el",
    }
    data.update(fields)
    return data


def user_row(read_db, email: str):
    return read_db(
        lambda s: s.execute(
            select(User.id, User.name, User.role, User.active, User.municipality_id).where(
                User.email == email
            )
        ).one_or_none()
    )


def actions(read_db) -> list[str]:
    return read_db(lambda s: list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id))))


# List and search -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("αθηνα", True),
        ("ΑΘΗΝΑ", True),
        ("Παππα", True),
        ("ATHINA.PAPPA@EXAMPLE", True),
        ("nobody", False),
        ("%", False),
        ("_", False),
    ],
)
def test_search_ignores_accents_and_case(admin, user_of, query, found):
    user_of("mediator", name="Αθηνά Παππά", email="athina.pappa@example.org")
    page = admin.get("/admin/users", query_string={"q": query})
    assert page.status_code == 200
    assert ("Αθηνά Παππά" in page.text) is found


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"role": "supervisor"}, {"Σοφία Επόπτρια"}),
        ({"status": "invited"}, {"Νέος Προσκεκλημένος"}),
        ({"status": "deactivated"}, {"Παλιός Χρήστης"}),
        ({"status": "active", "role": "mediator"}, {"Αμίνα Αθήνα"}),
        ({"region_id": "crete"}, {"Νίκος Κρήτη"}),
        ({"municipality_id": "athens"}, {"Αμίνα Αθήνα"}),
    ],
)
def test_filters(admin, user_of, places, read_db, filters, expected):
    from mediator_portal.accounts.models import Municipality

    def municipality(key):
        return read_db(lambda s: s.get(Municipality, places[key]))

    user_of("supervisor", name="Σοφία Επόπτρια")
    user_of("mediator", name="Νέος Προσκεκλημένος", password=None)
    user_of("mediator", name="Παλιός Χρήστης", active=False)
    user_of("mediator", name="Αμίνα Αθήνα", municipality=municipality("athens"))
    user_of("trainer", name="Νίκος Κρήτη", municipality=municipality("heraklion"))
    query = {key: places.get(value, value) for key, value in filters.items()}
    page = admin.get("/admin/users", query_string=query)
    assert page.status_code == 200
    names = {"Σοφία Επόπτρια", "Νέος Προσκεκλημένος", "Παλιός Χρήστης", "Αμίνα Αθήνα"}
    names |= {"Νίκος Κρήτη"}
    assert {name for name in names if name in page.text} == expected


@pytest.mark.parametrize(
    "query",
    [
        {"role": "emperor"},
        {"status": "zombie"},
        {"region_id": "abc"},
        {"municipality_id": "999999"},
        {"page": "-3"},
        {"page": "9999"},
        {"page": "x"},
        {"q": "a" * 5000},
    ],
)
def test_bad_filters_are_ignored_not_fatal(admin, query):
    assert admin.get("/admin/users", query_string=query).status_code == 200


def test_list_runs_a_fixed_number_of_queries(admin, app, places, count_queries):
    from mediator_portal.accounts.models import Municipality
    from mediator_portal.extensions import db
    from tests.factories import make_user

    def add_users(count):
        with app.app_context():
            municipality = db.session.get(Municipality, places["athens"])
            for _ in range(count):
                make_user("mediator", municipality=municipality, languages=("el", "ar", "fa"))
            db.session.commit()

    add_users(3)
    admin.get("/admin/users")  # warm up (first request of the client)
    with count_queries() as few:
        assert admin.get("/admin/users").status_code == 200
    add_users(37)
    with count_queries() as many:
        page = admin.get("/admin/users")
    assert page.status_code == 200
    assert len(many) == len(few), many
    assert 'aria-current="page"' in page.text  # paginated: 41 accounts on two pages


# Invite ----------------------------------------------------------------------------------


def test_invite_form_renders_every_field(admin):
    page = admin.get("/admin/users/new")
    assert page.status_code == 200
    for name in ("name", "email", "role", "municipality_id", "languages", "locale"):
        assert f'name="{name}"' in page.text
    assert "—" in page.text


def test_invitation_email_lets_the_person_set_a_password_and_sign_in(
    admin, places, mailbox, read_db, new_client, worker
):
    response = admin.post(
        "/admin/users/new",
        data=invite_data(municipality_id=str(places["piraeus"]), email=" Amina@Example.org "),
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/users")
    user = user_row(read_db, "amina@example.org")
    assert user.municipality_id == places["piraeus"]
    assert "amina@example.org" in admin.get("/admin/users").text

    worker.drain()  # the e-mail is sent by the job worker, not the request
    (message,) = mailbox
    assert message["To"] == "amina@example.org"
    assert "Αμίνα Χασάν" in body_of(message)
    path = invitation_path(message)

    person = new_client()
    assert person.get(path).status_code == 200
    accepted = person.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert accepted.status_code == 302
    signed_in = person.login("amina@example.org", NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert "Αμίνα Χασάν" in person.get("/").text
    assert person.get(path).status_code == 404  # single use
    assert actions(read_db) == ["user.invite"]


def test_invitation_link_uses_the_public_url_not_the_host_header(app, mailbox, monkeypatch):
    from mediator_portal.admin.jobs import send_invitation
    from mediator_portal.extensions import db
    from tests.factories import make_user

    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://portal.example.org")
    with app.app_context():
        user = make_user("mediator", password=None)
        db.session.commit()
        # The base the request came with (a forged Host) loses to PUBLIC_URL.
        assert send_invitation(user.id, "http://evil.example/") is True
    assert "https://portal.example.org/auth/invitation/" in body_of(mailbox[0])
    assert "evil.example" not in body_of(mailbox[0])


def test_invite_keeps_the_account_when_the_queue_is_down(admin, read_db):
    from mediator_portal import jobs

    # Nothing listens on port 1: the queue (Redis here) refuses the job.
    jobs.queue.configure(name="down", redis_url="redis://127.0.0.1:1/0", sqlite_path="")
    response = admin.post("/admin/users/new", data=invite_data(), follow_redirects=True)
    assert response.status_code == 200
    assert "could not be sent" in response.text
    assert user_row(read_db, "amina@example.org") is not None


@pytest.mark.logs_errors  # the worker logs each failed attempt
def test_invitation_is_retried_when_the_mail_server_is_down(
    admin, app, mailbox, worker, monkeypatch
):
    from mediator_portal import jobs
    from mediator_portal.admin.jobs import send_invitation

    monkeypatch.setattr(send_invitation.task.task_class, "default_retry_delay", 1)
    with monkeypatch.context() as down:
        down.setattr(app.extensions["mail"], "port", 1)  # nothing listens there
        response = admin.post("/admin/users/new", data=invite_data(), follow_redirects=True)
        assert "has been invited" in response.text
        wait_for(lambda: jobs.queue.scheduled_count(), what="the first attempt to fail")
        assert list(mailbox) == []
    worker.drain()
    assert [m["To"] for m in mailbox] == ["amina@example.org"]


def test_duplicate_email_is_a_form_error_that_keeps_the_input(admin, user_of, read_db):
    user_of("mediator", email="taken@example.org")
    response = admin.post(
        "/admin/users/new", data=invite_data(email="TAKEN@example.org", name="Κάποιος Άλλος")
    )
    assert response.status_code == 422
    assert "already exists" in response.text
    assert 'value="Κάποιος Άλλος"' in response.text
    assert 'value="TAKEN@example.org"' in response.text
    assert actions(read_db) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"role": "emperor"},
        {"role": ""},
        {"municipality_id": "999999"},
        {"municipality_id": "not-a-number"},
        {"languages": ["xx"]},
        {"locale": "fr"},
        {"email": "not an e-mail"},
        {"name": ""},
        {"name": "A"},
        {"name": "Bell\x07Name"},
    ],
)
def test_invalid_invitations_are_refused_with_the_input_kept(admin, read_db, fields):
    response = admin.post("/admin/users/new", data=invite_data(**fields))
    assert response.status_code == 422
    assert 'class="govgr-error-message"' in response.text
    assert "amina@example.org" in response.text or fields.get("email")
    assert user_row(read_db, "amina@example.org") is None


# Edit and role ----------------------------------------------------------------------------


def test_edit_details(admin, user_of, places, read_db):
    person = user_of("mediator", email="old@example.org", name="Παλιό Όνομα")
    page = admin.get(f"/admin/users/{person.id}")
    assert page.status_code == 200
    assert 'value="Παλιό Όνομα"' in page.text
    response = admin.post(
        f"/admin/users/{person.id}",
        data=invite_data(
            name="Νέο Όνομα",
            email="new@example.org",
            municipality_id=str(places["heraklion"]),
            locale="en",
        ),
    )
    assert response.status_code == 302
    row = user_row(read_db, "new@example.org")
    assert (row.name, row.municipality_id) == ("Νέο Όνομα", places["heraklion"])
    assert actions(read_db) == ["user.update"]


def test_edit_refuses_an_email_of_another_account(admin, user_of):
    user_of("mediator", email="taken@example.org")
    person = user_of("mediator")
    response = admin.post(f"/admin/users/{person.id}", data=invite_data(email="taken@example.org"))
    assert response.status_code == 422
    assert "Another account already uses this e-mail." in response.text


def test_change_role(admin, user_of, read_db):
    person = user_of("mediator", email="p@example.org")
    assert admin.post(f"/admin/users/{person.id}/role", data={"role": "trainer"}).status_code == 302
    assert user_row(read_db, "p@example.org").role == "trainer"
    entry = read_db(lambda s: s.scalars(select(AuditEntry)).one())
    assert (entry.action, entry.details) == ("user.role", {"from": "mediator", "to": "trainer"})


@pytest.mark.parametrize("role", ["emperor", "", "ADMIN"])
def test_change_role_refuses_unknown_roles(admin, user_of, read_db, role):
    person = user_of("mediator", email="p@example.org")
    response = admin.post(f"/admin/users/{person.id}/role", data={"role": role})
    assert response.status_code == 422
    assert user_row(read_db, "p@example.org").role == "mediator"


def test_admin_cannot_remove_their_own_admin_role(admin, read_db):
    response = admin.post(
        f"/admin/users/{admin.user.id}/role", data={"role": "mediator"}, follow_redirects=True
    )
    assert "You cannot remove your own administrator role." in response.text
    assert user_row(read_db, admin.user.email).role == "admin"
    assert actions(read_db) == []


# Deactivate, reactivate, re-send ------------------------------------------------------------


def test_deactivate_ends_every_session_of_the_person(admin, logged_in, read_db):
    victim = logged_in("mediator")
    assert victim.get("/").status_code == 200
    response = admin.post(f"/admin/users/{victim.user.id}/deactivate", follow_redirects=True)
    assert "signed out everywhere" in response.text
    nxt = victim.get("/")
    assert nxt.status_code == 302
    assert "/auth/login" in nxt.headers["Location"]
    assert victim.login(victim.user.email, DEFAULT_PASSWORD).status_code != 302
    assert user_row(read_db, victim.user.email).active is False
    entry = read_db(lambda s: s.scalars(select(AuditEntry)).one())
    assert (entry.action, entry.details) == ("user.deactivate", {"sessions_ended": 1})


def test_admin_cannot_deactivate_themself(admin, read_db):
    response = admin.post(f"/admin/users/{admin.user.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account." in response.text
    assert admin.get("/admin/users").status_code == 200
    assert actions(read_db) == []


def test_reactivate(admin, user_of, read_db, new_client):
    person = user_of("mediator", active=False)
    assert admin.post(f"/admin/users/{person.id}/reactivate").status_code == 302
    assert user_row(read_db, person.email).active is True
    assert actions(read_db) == ["user.reactivate"]
    assert new_client().login(person.email, DEFAULT_PASSWORD).status_code == 302


def test_resend_invitation_invalidates_the_previous_link(
    admin, mailbox, new_client, read_db, worker
):
    admin.post("/admin/users/new", data=invite_data())
    worker.drain()
    first = invitation_path(mailbox[0])
    user_id = user_row(read_db, "amina@example.org").id
    response = admin.post(f"/admin/users/{user_id}/resend", follow_redirects=True)
    assert "A new invitation has been sent" in response.text
    worker.drain()
    second = invitation_path(mailbox[1])
    assert first != second
    assert new_client().get(first).status_code == 404
    assert new_client().get(second).status_code == 200
    assert actions(read_db) == ["user.invite", "user.resend_invitation"]


@pytest.mark.parametrize("fields", [{}, {"password": None, "active": False}])
def test_resend_is_refused_without_a_pending_invitation(admin, user_of, mailbox, fields, worker):
    person = user_of("mediator", **fields)
    response = admin.post(f"/admin/users/{person.id}/resend", follow_redirects=True)
    assert "no pending invitation" in response.text
    worker.drain()
    assert list(mailbox) == []


@pytest.mark.parametrize("action", ["deactivate", "reactivate", "resend", "role"])
def test_user_actions_need_the_csrf_token(admin, user_of, action):
    person = user_of("mediator")
    response = admin.post(f"/admin/users/{person.id}/{action}", data={"role": "admin"}, csrf=False)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/admin/users/999999"),
        ("POST", "/admin/users/999999/deactivate"),
        ("POST", "/admin/users/999999/reactivate"),
        ("POST", "/admin/users/999999/resend"),
        ("POST", "/admin/users/999999/role"),
        ("GET", "/admin/users/abc"),
        ("GET", "/admin/users/-1"),
    ],
)
def test_unknown_accounts_are_404(admin, method, path):
    assert admin.open(path, method=method, data={}).status_code == 404
