"""Numbers no database can hold never make a 500: every route of the app is requested with
ids and query numbers at 0, -1, 2^31, 2^63 and 10^40, not numbers and empty, by anonymous
visitors and by each role. Ids past the range are a 404 (no route matches); query numbers
are a 400 with a message, or ignored where a bad link should still show the list."""

import re

import pytest
from werkzeug.routing.converters import NumberConverter

from mediator_portal.extensions import db
from tests.factories import DEFAULT_PASSWORD
from tests.forums.factories import make_category, make_post, make_topic

HOSTILE = ["0", "-1", str(2**31), str(2**63), str(10**40), "abc", "1.5", ""]
QUERY_NUMBERS = ("page", "after", "number", "quote", "region")
PLACEHOLDER = re.compile(r"<(?:[^>:]+(?:\([^)]*\))?:)?([a-z_]+)>")
JSON = {"Accept": "application/json"}
SKIP = {"accounts.logout"}  # signs the client out; covered in tests/accounts


def _urls(app, value: str) -> list[tuple[str, str]]:
    """(method, URL) of every route with each number in its path set to `value`, and the
    query numbers of the app set to `value` too."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint in SKIP:
            continue

        def fill(match, rule=rule):
            converter = rule._converters[match.group(1)]  # noqa: SLF001 - no public API
            if isinstance(converter, NumberConverter):
                return value
            if type(converter).__name__ == "AnyConverter":
                return sorted(converter.items)[0]
            return "token"

        path = PLACEHOLDER.sub(fill, rule.rule)
        query = "&".join(f"{name}={value}" for name in QUERY_NUMBERS)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, f"{path}?{query}"))
    return found


@pytest.fixture
def board(app):
    """A topic with a reply, so that the real pages are requested too; its id."""
    with app.app_context():
        topic = make_topic(make_category(), title="Θέμα")
        make_post(topic)
        db.session.commit()
        return topic.id


# Anonymous visitors, members, and administrators (who reach every route trainers and
# supervisors reach); the numbers overflow in the database driver, so on both databases.
@pytest.mark.database
@pytest.mark.parametrize("role", (None, "mediator", "admin"))
def test_no_number_makes_a_500_on_any_route(app, new_client, user_of, board, role):
    browser = new_client()
    if role is not None:
        user = user_of(role)
        assert browser.login(user.email, DEFAULT_PASSWORD).status_code == 302
    problems = []
    for value in HOSTILE:
        for method, url in _urls(app, value):
            # JSON clients get the same checks through the same code; asked once per route.
            accepts = ({}, JSON) if value == str(2**63) else ({},)
            for headers in accepts:
                response = browser.open(url, method=method, data={}, headers=headers)
                if response.status_code >= 500:
                    problems.append(f"{method} {url} {headers} -> {response.status_code}")
    assert problems == []


def test_out_of_range_ids_are_404_and_bad_query_numbers_400(logged_in, board):
    browser = logged_in("mediator")
    for value in (str(2**31), str(2**63), "-1", "abc"):
        assert browser.get(f"/forums/t/{value}").status_code == 404
    assert browser.get(f"/forums/t/{board}").status_code == 200
    response = browser.get(f"/forums/t/{board}/posts?after={2**63}", headers={"Accept": "x/y"})
    assert response.status_code == 400 and response.json["code"] == "bad_argument"
    assert response.json["message"]
    # A bad page number in a link still shows the list; a quote that is no post is ignored.
    assert browser.get(f"/forums/t/{board}?page=abc").status_code == 200
    assert browser.get(f"/forums/t/{board}?quote={10**40}").status_code == 200
