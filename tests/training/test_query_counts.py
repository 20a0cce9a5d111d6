"""The training pages run a fixed number of SQL queries, whatever the amount of data: the
list, a proposal's page and the review queue run as many with 5 proposals as with 500 (each
with supports, comments, answers and notes), and no more than their budget."""

from datetime import date, timedelta

import pytest

from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.factories import make_municipality, make_user
from tests.training.conftest import account
from tests.training.factories import (
    bulk_proposals,
    make_proposal,
    make_session,
    make_theme,
    make_trainer_answer,
)
from tests.training.record_factories import marked_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

# Every page: the login session with its account (1) and the navigation's counts (1). The
# list: the themes of its filter, its total and its rows (each with author, theme and
# whether the viewer supports it).
# A proposal: it with author, theme and survivor (1) and its languages (1), the viewer's
# support and follow (1), the answers (1), the comments (1), the notes for trainers (1), and
# the write noting that the follower has seen it (1, plus the transaction's own statements).
# The queue: its total and its rows with the region counts. Home: the greeting's account,
# the board's three panels, the library's one, training's two (new answers, next session)
# and supervision's one.
BUDGET = {"list": 5, "supported": 5, "proposal": 8, "proposal_trainer": 9, "review": 4, "home": 10}


def build(seed, browser, trainer_browser, *, proposals: int) -> int:
    def create():
        viewer, trainer = account(browser), account(trainer_browser)
        theme = make_theme()
        people = [make_user(municipality=make_municipality()) for _ in range(5)]
        bulk_proposals(theme, people[0], proposals - 1, supporters=people[:3])
        proposal = make_proposal(viewer, theme=theme, languages=("ar", "fa"))
        for person in people:
            services.support(db.session, proposal, person)
            services.add_comment(db.session, proposal, author=person, body="Σχόλιο **ένα**")
        services.support(db.session, proposal, trainer)
        for _ in range(3):
            services.add_note(db.session, proposal, author=trainer, body="Σημείωση")
        make_trainer_answer(proposal, "under_review", trainer=trainer)
        make_trainer_answer(proposal, "accepted", trainer=trainer)
        return proposal.id

    return seed(create)


def measure(count_queries, browser, url: str) -> int:
    browser.get(url)
    with count_queries() as statements:
        response = browser.get(url)
    assert response.status_code == 200, url
    return len(statements)


@pytest.fixture
def sizes(member, seed, count_queries):
    result = {}
    for label, proposals in (("small", 5), ("big", 500)):
        browser, trainer = member("mediator"), member("trainer")
        proposal = build(seed, browser, trainer, proposals=proposals)
        result[label] = {
            "list": measure(count_queries, browser, "/training/"),
            "supported": measure(count_queries, trainer, "/training/?scope=supported&sort=newest"),
            "proposal": measure(count_queries, browser, f"/training/p/{proposal}"),
            "proposal_trainer": measure(count_queries, trainer, f"/training/p/{proposal}"),
            "review": measure(count_queries, trainer, "/training/review"),
            "home": measure(count_queries, browser, "/"),
        }
    return result


def test_training_pages_run_a_fixed_number_of_queries(sizes):
    print("query counts:", sizes)
    assert sizes["small"] == sizes["big"]
    over = {name: count for name, count in sizes["big"].items() if count > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}: {sizes['big']}"


# Sessions: the list's total and rows (with municipalities); a session with its
# municipality (1), the counts of each answer (1) and the viewer's (1), the proposals it
# covers (1), its material the viewer may see (1; trainers too, with the form); the month
# calendar (1). Each after the login session and the navigation's counts.
SESSION_BUDGET = {"sessions": 4, "session": 7, "session_trainer": 7, "calendar": 3}


def build_sessions(seed, browser, trainer_browser, *, sessions: int, material: int) -> int:
    def create():
        trainer = account(trainer_browser)
        rows = [
            make_session(trainer, capacity=3, online=n % 2 == 0, days_ahead=1 + n % 25)
            for n in range(sessions)
        ]
        people = [make_user() for _ in range(5)] + [account(browser)]
        for person in people:
            services.answer_session(db.session, rows[0], person, "going")
        for n in range(material):
            services.add_material(
                db.session,
                rows[0],
                actor=trainer,
                url=f"https://example.org/material/{n}",
                title=f"Υλικό {n}",
                visible_to=("trainer",) if n % 3 == 0 else (),
            )
        return rows[0].id

    return seed(create)


def test_session_pages_run_a_fixed_number_of_queries(member, seed, count_queries):
    result = {}
    for label, sessions, material in (("small", 5, 1), ("big", 100, 30)):
        browser, trainer = member("mediator"), member("trainer")
        session_id = build_sessions(seed, browser, trainer, sessions=sessions, material=material)
        page = f"/training/sessions/{session_id}"
        result[label] = {
            "sessions": measure(count_queries, browser, "/training/sessions"),
            "session": measure(count_queries, browser, page),
            "session_trainer": measure(count_queries, trainer, page),
            "calendar": measure(count_queries, browser, "/training/sessions/calendar"),
        }
    print("query counts:", result)
    assert result["small"] == result["big"]
    over = {name: n for name, n in result["big"].items() if n > SESSION_BUDGET[name]}
    assert over == {}, f"over budget {SESSION_BUDGET}: {result['big']}"


# Records: the overview's filter choices (the municipalities and their regions: 2), its
# members with their places (1) and the marks of the period (1); a member's record: the
# member with their place (1) and their sessions (1). Each after the login session and the
# navigation's counts.
RECORDS_BUDGET = {"records": 6, "records_filtered": 6, "member": 4, "mine": 4}


def build_records(seed, browser, *, members: int, sessions: int) -> int:
    def create():
        people = [make_user(municipality=make_municipality()) for _ in range(members)]
        people.append(account(browser))
        statuses = ("present", "absent", "excused")
        for n in range(sessions):
            marks = {person: statuses[(n + i) % 3] for i, person in enumerate(people)}
            marked_session(marks, day=date(2026, 1, 5) + timedelta(days=n))
        return people[0].id

    return seed(create)


def test_record_pages_run_a_fixed_number_of_queries(member, seed, count_queries):
    result = {}
    for label, members, sessions in (("small", 2, 2), ("big", 40, 30)):
        browser, trainer = member("mediator"), member("trainer")
        someone = build_records(seed, browser, members=members, sessions=sessions)
        result[label] = {
            "records": measure(count_queries, trainer, "/training/records"),
            "records_filtered": measure(
                count_queries, trainer, "/training/records?since=2026-01-01&until=2026-12-31"
            ),
            "member": measure(count_queries, trainer, f"/training/records/{someone}"),
            "mine": measure(count_queries, browser, "/training/record"),
        }
    print("query counts:", result)
    assert result["small"] == result["big"]
    over = {name: n for name, n in result["big"].items() if n > RECORDS_BUDGET[name]}
    assert over == {}, f"over budget {RECORDS_BUDGET}: {result['big']}"
