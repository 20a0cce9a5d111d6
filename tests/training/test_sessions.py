"""Sessions: Athens times stored in UTC with a rule for the hour that repeats and the hour
that does not exist; the meeting link's window; RSVP with a capacity, a waitlist in order
and a place that frees promoting exactly one person, who is notified; the pages."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from mediator_portal.training.models import Proposal, Rsvp, TrainingSession
from tests.factories import make_user
from tests.training.factories import make_proposal, make_session, make_trainer_answer

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def test_athens_times_are_stored_in_utc():
    assert services.athens_to_utc(date(2026, 7, 1), time(10, 0)) == (
        datetime(2026, 7, 1, 7, 0, tzinfo=UTC),
        False,
    )
    assert services.athens_to_utc(date(2026, 12, 1), time(10, 0))[0].hour == 8


def test_the_repeated_autumn_hour_is_its_first_occurrence_and_said_to_be_ambiguous():
    moment, ambiguous = services.athens_to_utc(date(2026, 10, 25), time(3, 30))
    assert ambiguous and moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 03:30 EEST


def test_the_missing_spring_hour_is_refused():
    with pytest.raises(services.TimeDoesNotExist):
        services.athens_to_utc(date(2026, 3, 29), time(3, 30))
    assert services.athens_to_utc(date(2026, 3, 29), time(4, 0))[0].hour == 1


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"start": time(12, 0), "end": time(10, 0)}, services.EndsBeforeStart),
        ({"meeting_url": ""}, services.MissingPlace),
        ({"meeting_url": "javascript:alert(1)"}, services.BadMeetingLink),
        ({"capacity": 0}, services.BadCapacity),
        (
            {"day": date(2026, 3, 29), "start": time(3, 30), "end": time(5, 0)},
            services.TimeDoesNotExist,
        ),
    ],
)
def test_bad_sessions_are_refused(app_ctx, fields, error):
    with pytest.raises(error):
        make_session(**fields)


def test_only_trainers_create_sessions(app_ctx):
    with pytest.raises(services.NotAllowed):
        make_session(make_user("mediator"))


def test_the_meeting_link_opens_30_minutes_before_and_closes_at_the_end(app_ctx):
    row = make_session()
    assert not services.meeting_link_open(row, row.starts_at - timedelta(minutes=31))
    assert services.meeting_link_open(row, row.starts_at - timedelta(minutes=30))
    assert not services.meeting_link_open(row, row.ends_at)


def test_capacity_waitlist_and_promotion_of_exactly_one_who_is_notified(app_ctx):
    row = make_session(capacity=2)
    people = [make_user() for _ in range(4)]
    results = [services.answer_session(db.session, row, person, "going") for person in people]
    db.session.commit()
    assert results == ["going", "going", "waitlisted", "waitlisted"]
    assert services.answer_session(db.session, row, people[2], "going") == "waitlisted"
    assert services.answer_session(db.session, row, people[0], "going") == "going"
    db.session.commit()
    db.session.refresh(row)
    assert row.going_count == 2
    assert services.answer_session(db.session, row, people[1], "not_going") == "not_going"
    db.session.commit()
    states = dict(db.session.execute(select(Rsvp.user_id, Rsvp.answer)).all())
    assert states[people[2].id] == "going" and states[people[3].id] == "waitlisted"
    told = db.session.scalars(
        select(Notification.recipient_id).where(Notification.kind == services.PROMOTED_KIND)
    ).all()
    assert told == [people[2].id]
    view = services.answers_of_session(db.session, row, people[3])
    assert (view.going, view.waitlisted, view.mine, view.my_position) == (2, 1, "waitlisted", 1)


def test_maybe_and_leaving_the_waitlist_free_no_place(app_ctx):
    row = make_session(capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    services.answer_session(db.session, row, first, "going")
    services.answer_session(db.session, row, second, "going")
    services.answer_session(db.session, row, third, "maybe")
    services.answer_session(db.session, row, second, "not_going")  # leaves the waitlist
    db.session.commit()
    db.session.refresh(row)
    assert row.going_count == 1
    assert db.session.scalar(select(Notification.id).limit(1)) is None


def test_the_database_refuses_more_going_than_places(app_ctx):
    row = make_session(capacity=1)
    db.session.commit()
    row.going_count = 2
    with pytest.raises(Exception, match="(?i)check|constraint"):
        db.session.flush()
    db.session.rollback()


def test_a_past_session_takes_no_answers(app_ctx):
    row = make_session()
    row.starts_at, row.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    with pytest.raises(services.SessionOver):
        services.answer_session(db.session, row, make_user(), "going")
    with pytest.raises(services.UnknownAnswer):
        services.answer_session(db.session, make_session(), make_user(), "perhaps")


def test_the_month_calendar_puts_sessions_on_their_athens_day(app_ctx):
    late = make_session(day=date(2026, 10, 31), start=time(23, 30), end=time(23, 59))
    early = make_session(day=date(2026, 11, 1), start=time(0, 30), end=time(1, 0))
    month = services.month_calendar(db.session, 2026, 10)
    days = {day: [row.id for row in rows] for week in month.weeks for day, rows in week}
    assert days[date(2026, 10, 31)] == [late.id]
    assert days[date(2026, 11, 1)] == [early.id]  # the grid's last week runs into November
    assert (month.previous, month.next) == ("2026-09", "2026-11")


def test_session_pages_for_members_and_the_form_for_trainers(member, seed):
    session_id = seed(lambda: make_session(capacity=1, title="Διερμηνεία").id)
    browser = member("mediator")
    listed = browser.get("/training/sessions").text
    assert "Διερμηνεία" in listed and "0 of 1 places taken" in listed
    page = browser.get(f"/training/sessions/{session_id}").text
    assert "shown here from 30 minutes before" in page and "meet.example.org" not in page
    assert (
        browser.post(f"/training/sessions/{session_id}/rsvp", data={"value": "going"}).status_code
        == 302
    )
    other = member("supervisor")
    answered = other.post(
        f"/training/sessions/{session_id}/rsvp",
        data={"value": "going"},
        headers={"Accept": "application/json"},
    )
    assert answered.json == {"answer": "waitlisted"}
    assert "number 1 on the waitlist" in other.get(f"/training/sessions/{session_id}").text
    bad = other.post(f"/training/sessions/{session_id}/rsvp", data={"value": "perhaps"})
    assert bad.status_code == 422 and "Please answer going, maybe or not going." in bad.text
    assert browser.get("/training/sessions/new").status_code == 403
    assert browser.get("/training/sessions/calendar?month=2026-13").status_code == 400
    assert browser.get("/training/sessions/calendar?month=abc").status_code == 400
    assert browser.get("/training/sessions/999999").status_code == 404


def test_a_trainer_creates_a_session_in_the_repeated_hour_and_is_told_the_rule(member, app):
    trainer = member("trainer")
    form = {
        "title": "Νυχτερινή",
        "day": "2026-10-25",
        "start": "03:30",
        "end": "04:30",
        "mode": "online",
        "meeting_url": "https://meet.example.org/x",
    }
    response = trainer.post("/training/sessions/new", data=form, follow_redirects=True)
    assert response.status_code == 200 and "the first one (summer time)" in response.text
    with app.app_context():
        row = db.session.scalar(select(TrainingSession))
        assert row.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    refused = trainer.post("/training/sessions/new", data=form | {"day": "2026-03-29"})
    assert refused.status_code == 422 and "does not exist in Athens" in refused.text


def test_a_session_schedules_the_accepted_proposals_it_covers(app, member, seed):
    def proposals():
        accepted, other = make_proposal(title="Εγκεκριμένη"), make_proposal(title="Νέα")
        make_trainer_answer(accepted, "accepted")
        return accepted.id, other.id, accepted.author_id

    accepted_id, other_id, proposer_id = seed(proposals)
    trainer = member("trainer")
    form = trainer.get("/training/sessions/new").text
    assert "Εγκεκριμένη" in form and "Νέα" not in form  # only accepted ones are offered
    response = trainer.post(
        "/training/sessions/new",
        data={
            "title": "Επιμόρφωση υγείας",
            "day": "2030-05-06",
            "start": "10:00",
            "end": "12:00",
            "mode": "in_person",
            "place": "Αίθουσα Α",
            "proposals": [str(accepted_id), str(other_id)],  # the other is ignored
        },
    )
    assert response.status_code == 302
    session_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        scheduled = db.session.get(Proposal, accepted_id)
        assert (scheduled.status, scheduled.session_id) == ("scheduled", session_id)
        assert db.session.get(Proposal, other_id).status == "proposed"
        told = db.session.scalars(
            select(Notification.recipient_id).where(Notification.target_id == accepted_id)
        ).all()
        assert told.count(proposer_id) == 2  # accepted, then scheduled
    page = member("mediator").get(f"/training/p/{accepted_id}").text
    assert (
        f'href="/training/sessions/{session_id}"' in page
        and "Covered by the training session" in page
    )
    assert "Εγκεκριμένη" in member("mediator").get(f"/training/sessions/{session_id}").text


def test_only_accepted_proposals_are_scheduled(app_ctx):
    row, proposal = make_session(), make_proposal()
    with pytest.raises(services.InvalidTransition):
        services.schedule(db.session, [proposal], row=row, actor=make_user("trainer"), body="x")


def test_after_the_session_its_proposals_are_covered_once_and_followers_told(app_ctx):
    trainer = make_user("trainer")
    proposal = make_proposal()
    make_trainer_answer(proposal, "accepted", trainer=trainer)
    row = make_session(trainer)
    services.schedule(db.session, [proposal], row=row, actor=trainer, body="Προγραμματίστηκε")
    db.session.commit()
    assert services.cover_ended(db.session, row.ends_at - timedelta(minutes=1)) == []
    assert services.cover_ended(db.session, row.ends_at) == [proposal.id]
    assert services.cover_ended(db.session, row.ends_at) == []  # once
    db.session.commit()
    db.session.refresh(proposal)
    assert proposal.status == "covered"
    last = services.answers_of(db.session, proposal)[-1]
    assert last.to_status == "covered" and f'href="/training/sessions/{row.id}"' in last.body_html
    told = db.session.scalars(
        select(Notification.recipient_id).where(Notification.target_id == proposal.id)
    ).all()
    assert told.count(proposal.author_id) == 3  # accepted, scheduled, covered
