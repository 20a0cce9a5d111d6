"""Who may open the hours pages: a mediator only their own record (and only their own lines
to answer), a supervisor the attendance of their own slots and their own supervisees'
records, trainers and administrators the totals (never a record or a comment),
administrators the periods; anonymous visitors are sent to sign in."""

import pytest

from tests.supervision.hours_world import COMMENT, hours_world_fixture  # noqa: F401 - fixture

ROUTES = [
    ("GET", "/supervision/hours"),  # 0
    ("POST", "/supervision/hours/{mark}/confirm"),
    ("GET", "/supervision/hours/{mark}/dispute"),
    ("POST", "/supervision/hours/{mark}/dispute"),
    ("GET", "/supervision/slots/{group}/attendance"),  # 4
    ("POST", "/supervision/slots/{group}/attendance"),
    ("GET", "/supervision/supervisees/{one_id}/hours"),
    ("GET", "/supervision/hours/totals"),  # 7
    ("GET", "/supervision/hours/totals.csv"),
    ("GET", "/supervision/hours/totals.xlsx"),
    ("GET", "/supervision/periods"),  # 10
    ("GET", "/supervision/periods/new"),
    ("POST", "/supervision/periods/new"),
    ("GET", "/supervision/periods/{period}/edit"),
    ("POST", "/supervision/periods/{period}/edit"),
]
ALLOWED = {
    "one": {0, 1, 2, 3},
    "supervisor": {4, 5, 6},
    "trainer": {7, 8, 9},
    "admin": {7, 8, 9, 10, 11, 12, 13, 14},
}


def url(path: str, world) -> str:
    return path.format(**vars(world))


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, hours_world, route):
    method, path = route
    response = client.open(url(path, hours_world), method=method)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_gets_its_routes_and_a_403_elsewhere(hours_world, sign_in, role):
    browser = sign_in(getattr(hours_world, role))
    for index, (method, path) in enumerate(ROUTES):
        response = browser.open(url(path, hours_world), method=method)
        if index in ALLOWED[role]:
            assert response.status_code in (200, 302, 422), (role, path, response.status_code)
        else:
            assert response.status_code == 403, (role, path, response.status_code)


def test_a_mediator_cannot_answer_another_s_line(hours_world, sign_in):
    other = sign_in(hours_world.hostile)
    assert other.post(url("/supervision/hours/{mark}/confirm", hours_world)).status_code == 404
    assert other.get(url("/supervision/hours/{mark}/dispute", hours_world)).status_code == 404
    page = other.get("/supervision/hours").text
    assert COMMENT not in page and "Μαρία" not in page


def test_a_supervisor_sees_only_their_own_supervisees_and_slots(hours_world, sign_in):
    stranger = sign_in(hours_world.stranger)
    assert (
        stranger.get(url("/supervision/supervisees/{one_id}/hours", hours_world)).status_code == 404
    )
    assert (
        stranger.get(url("/supervision/slots/{group}/attendance", hours_world)).status_code == 404
    )
    posted = stranger.post(
        url("/supervision/slots/{group}/attendance", hours_world),
        data={f"mark-{hours_world.one_id}": "no_show"},
    )
    assert posted.status_code == 404
    own = stranger.get(url("/supervision/supervisees/{theirs_id}/hours", hours_world))
    assert own.status_code == 200
    supervisor = sign_in(hours_world.supervisor)
    foreign = url("/supervision/supervisees/{theirs_id}/hours", hours_world)
    assert supervisor.get(foreign).status_code == 404


def test_totals_hold_no_comment(hours_world, sign_in):
    for role in ("trainer", "admin"):
        browser = sign_in(getattr(hours_world, role))
        for path in ("/supervision/hours/totals", "/supervision/hours/totals.csv?period=all"):
            response = browser.get(path)
            assert response.status_code == 200
            assert COMMENT not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/supervision/hours/{mark}/confirm",
        "/supervision/slots/{group}/attendance",
    ],
)
def test_a_button_without_its_csrf_token_answers_400(hours_world, sign_in, path):
    role = "one" if "confirm" in path else "supervisor"
    response = sign_in(getattr(hours_world, role)).post(url(path, hours_world), csrf=False)
    assert response.status_code == 400


@pytest.mark.parametrize("period", ["x", "-1", "9" * 20])
def test_a_bad_period_answers_400_or_404(hours_world, sign_in, period):
    browser = sign_in(hours_world.trainer)
    assert browser.get(f"/supervision/hours/totals?period={period}").status_code in (400, 404)
    assert browser.get("/supervision/hours/totals?period=999999").status_code == 404
    assert browser.get("/supervision/hours/totals.csv?by=nobody").status_code == 400
