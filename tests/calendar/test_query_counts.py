"""The feed runs a fixed number of SQL queries, whatever the number of events: the owner by
the token's hash (1), and one per feature's provider (training: 1, supervision: 1)."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.training import services as training
from tests.calendar.helpers import feed_url
from tests.factories import make_municipality
from tests.forums.conftest import account
from tests.training.factories import make_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

BUDGET = 3


def _measure(client, count_queries, member, seed, sessions: int) -> int:
    person = member("mediator")

    def build():
        for number in range(sessions):
            online = number % 2 == 0
            place = {} if online else {"municipality_id": make_municipality().id}
            row = make_session(online=online, **place)
            training.answer_session(db.session, row, account(person), "going")

    seed(build)
    url = feed_url(seed, person)
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("BEGIN:VEVENT") == sessions
    return len(statements)


def test_the_feed_costs_the_same_for_one_event_and_forty(client, count_queries, member, seed):
    one = _measure(client, count_queries, member, seed, 1)
    many = _measure(client, count_queries, member, seed, 40)
    assert one == many
    assert many <= BUDGET
