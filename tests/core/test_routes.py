"""Deny by default: every endpoint and Socket.IO event declares who may use it, and the
declaration holds for anonymous visitors and for each role."""

import pytest
from werkzeug.routing.converters import NumberConverter

from mediator_portal.extensions import socketio
from mediator_portal.permissions import Access, Role, access_of, role_has
from mediator_portal.realtime import EVENT_ACCESS
from tests.conftest import ROLES
from tests.factories import DEFAULT_PASSWORD

MISSING_ID = "999999"
SKIP_FOR_ROLES = {"accounts.logout"}  # signs the client out; covered in tests/accounts


def _url(rule) -> str:
    values = {}
    for name, converter in rule._converters.items():  # noqa: SLF001 - werkzeug exposes no API
        kind = type(converter).__name__
        if kind == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        else:
            numeric = isinstance(converter, NumberConverter)
            values[name] = MISSING_ID if numeric else "none"
    return rule.build(values, append_unknown=False)[1]


def _routes(app):
    """(endpoint, method, url) for every route of the app."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, _url(rule)


def _allowed(access: Access, role: str | None) -> bool:
    if access.public:
        return True
    if role is None:
        return False
    return not access.permissions or any(role_has(role, p) for p in access.permissions)


def test_every_endpoint_declares_access(app):
    with app.test_request_context():
        undeclared = sorted({e for e, _m, _u in _routes(app) if access_of(e) is None})
    assert undeclared == [], f"endpoints without an access declaration: {undeclared}"


def test_every_socketio_event_declares_access(app):
    registered = {
        (namespace, event)
        for namespace, handlers in socketio.server.handlers.items()
        for event in handlers
    }
    assert ("/", "connect") in registered
    undeclared = sorted(registered - set(EVENT_ACCESS))
    assert undeclared == [], f"Socket.IO handlers without an access rule: {undeclared}"


def test_anonymous_visitors_are_sent_to_login_or_refused(app, client):
    problems = []
    with app.test_request_context():
        routes = [(e, m, u, access_of(e)) for e, m, u in _routes(app)]
    for endpoint, method, url, access in routes:
        response = client.open(url, method=method, data={})
        json_only = getattr(app.view_functions[endpoint], "answers_json", False)
        if access.public:
            if response.status_code >= 500 or response.status_code in (401, 403):
                problems.append(f"{method} {url} (public) -> {response.status_code}")
        elif json_only:
            if response.status_code != 401:
                problems.append(f"{method} {url} (JSON only) -> {response.status_code}, not 401")
        elif not (response.status_code == 302 and "/auth/login" in response.headers["Location"]):
            problems.append(f"{method} {url} -> {response.status_code}, expected login redirect")
        json_response = client.open(
            url, method=method, data={}, headers={"Accept": "application/json"}
        )
        if not access.public and json_response.status_code != 401:
            problems.append(f"{method} {url} as JSON -> {json_response.status_code}, expected 401")
    assert problems == []


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_its_declaration_allows(app, new_client, user_of, role):
    user = user_of(role)
    problems = []
    with app.test_request_context():
        routes = [(e, m, u, access_of(e)) for e, m, u in _routes(app) if e not in SKIP_FOR_ROLES]
    for _endpoint, method, url, access in routes:
        browser = new_client()  # fresh session per request: no action can affect the next
        assert browser.login(user.email, DEFAULT_PASSWORD).status_code == 302
        response = browser.open(url, method=method, data={})
        code = response.status_code
        if code >= 500:
            problems.append(f"{method} {url} -> {code}")
        elif _allowed(access, role):
            if code in (401, 403) or "/auth/login" in response.headers.get("Location", ""):
                problems.append(f"{method} {url} -> {code}, but {role} is allowed")
        elif code != 403:
            problems.append(f"{method} {url} -> {code}, expected 403 for {role}")
    assert problems == []


def test_roles_are_the_four_of_the_design():
    assert {role.value for role in Role} == set(ROLES)
