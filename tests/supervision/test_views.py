"""Who may open what: every supervision route declares its permission (a mediator cannot
publish, a supervisor cannot book, an administrator assigns), another supervisor's
supervisee, group, slot or series is a 404, a mediator sees only their own supervisor's
slots, anonymous visitors are sent to sign in, and the role buttons need their CSRF token."""

import pytest

ROUTES = [
    ("GET", "/supervision/"),
    ("GET", "/supervision/month"),
    ("GET", "/supervision/supervisees"),
    ("GET", "/supervision/groups/new"),
    ("GET", "/supervision/groups/{group}/edit"),
    ("GET", "/supervision/slots/new"),
    ("GET", "/supervision/slots/{weekly}/edit"),
    ("GET", "/supervision/slots/{weekly}/cancel"),
    ("GET", "/supervision/series/{series}/cancel"),
    ("GET", "/supervision/book"),
    ("GET", "/supervision/bookings"),
    ("POST", "/supervision/slots/{single}/book"),
    ("GET", "/supervision/assignments"),
    ("GET", "/supervision/assignments/{one_id}"),
    ("GET", "/supervision/slots/{weekly}"),
    ("POST", "/supervision/groups/new"),
    ("POST", "/supervision/groups/{group}/edit"),
    ("POST", "/supervision/slots/new"),
    ("POST", "/supervision/slots/{single}/edit"),
    ("POST", "/supervision/series/{series}/cancel"),
    ("POST", "/supervision/slots/{single}/cancel"),
    ("POST", "/supervision/bookings/999999/cancel"),
    ("POST", "/supervision/assignments/{two_id}"),
]
# Which role may use each route (by its index in ROUTES).
PUBLISH = set(range(9)) | {15, 16, 17, 18, 19, 20}
BOOK = {9, 10, 11, 21}
ADMIN = {12, 13, 22}
BOTH = {14}


def url(path: str, team) -> str:
    return path.format(**vars(team))


@pytest.mark.parametrize(("index", "route"), list(enumerate(ROUTES)))
def test_anonymous_visitors_are_sent_to_sign_in(client, team, index, route):
    method, path = route
    response = client.open(url(path, team), method=method)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["one", "supervisor", "admin"])
def test_each_role_gets_its_routes_and_a_403_elsewhere(team, sign_in, role):
    allowed = {"one": BOOK | BOTH, "supervisor": PUBLISH | BOTH, "admin": ADMIN}[role]
    browser = sign_in(getattr(team, role))
    for index, (method, path) in enumerate(ROUTES):
        response = browser.open(url(path, team), method=method)
        if index in allowed:  # shown, done, or refused for what was (not) sent: never a 403
            assert response.status_code in (200, 302, 404, 422), (role, path, response.status_code)
        else:
            assert response.status_code == 403, (role, path, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/supervision/groups/{group}/edit",
        "/supervision/slots/{weekly}",
        "/supervision/slots/{weekly}/edit",
        "/supervision/slots/{weekly}/cancel",
        "/supervision/series/{series}/cancel",
    ],
)
def test_another_supervisor_s_things_are_not_found(team, sign_in, path):
    assert sign_in(team.stranger).get(url(path, team)).status_code == 404


def test_a_trainer_cannot_open_supervision_pages(logged_in, team):
    browser = logged_in("trainer")
    assert browser.get(url("/supervision/slots/{weekly}", team)).status_code == 403
    assert browser.get("/supervision/assignments").status_code == 403


def test_a_mediator_sees_only_their_supervisor_s_slots_they_may_book(team, sign_in):
    outsider = sign_in(team.two)  # not in the group of the weekly slot
    assert outsider.get(url("/supervision/slots/{single}", team)).status_code == 200
    assert outsider.get(url("/supervision/slots/{weekly}", team)).status_code == 404
    assert outsider.get(url("/supervision/slots/{foreign}", team)).status_code == 404
    refused = outsider.post(url("/supervision/slots/{foreign}/book", team))
    assert refused.status_code == 404
    member = sign_in(team.one)
    assert member.get(url("/supervision/slots/{weekly}", team)).status_code == 200


def test_a_supervisor_cannot_book_and_a_mediator_cannot_publish(team, sign_in):
    supervisor = sign_in(team.supervisor)
    assert supervisor.post(url("/supervision/slots/{single}/book", team)).status_code == 403
    mediator = sign_in(team.one)
    published = mediator.post("/supervision/slots/new", data={"kind": "individual"})
    assert published.status_code == 403
    assert mediator.post(url("/supervision/slots/{single}/cancel", team)).status_code == 403


@pytest.mark.parametrize(
    "path", ["/supervision/slots/{single}/book", "/supervision/bookings/1/cancel"]
)
def test_a_button_without_its_csrf_token_answers_400(team, sign_in, path):
    response = sign_in(team.one).post(url(path, team), data={}, csrf=False)
    assert response.status_code == 400


@pytest.mark.parametrize("week", ["yesterday", "2026-02-30", "0001-01-01"])
def test_a_bad_week_or_month_answers_400(team, sign_in, week):
    assert sign_in(team.one).get(f"/supervision/book?week={week}").status_code == 400
    assert sign_in(team.supervisor).get(f"/supervision/?week={week}").status_code == 400
    assert sign_in(team.supervisor).get("/supervision/month?month=2026-13").status_code == 400
