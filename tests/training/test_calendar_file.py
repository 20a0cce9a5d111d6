"""A session as a calendar file: it parses with icalendar, carries Europe/Athens's VTIMEZONE
and the session's Athens wall time (also on the day the clocks go back), links the page and
never the meeting link; members only; 404 for an unknown session."""

from datetime import date, time

import pytest
from icalendar import Calendar

from tests.training.factories import make_session


def _calendar(browser, session_id):
    response = browser.get(f"/training/sessions/{session_id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    return Calendar.from_ical(response.data)


@pytest.mark.parametrize(
    ("day", "start"),
    [(date(2026, 7, 14), time(10, 0)), (date(2026, 10, 25), time(3, 30))],
    ids=["summer", "repeated-hour"],
)
def test_the_file_has_athens_wall_time_and_its_timezone(member, seed, day, start):
    session_id = seed(
        lambda: (
            make_session(title="Διερμηνεία στην υγεία", day=day, start=start, end=time(12, 0)).id
        )
    )
    calendar = _calendar(member("mediator"), session_id)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Athens"
    [event] = calendar.walk("VEVENT")
    starts = event.decoded("DTSTART")
    assert (starts.date(), starts.time()) == (day, start)
    assert str(starts.tzinfo) == "Europe/Athens"
    assert str(event["SUMMARY"]) == "Διερμηνεία στην υγεία"
    assert str(event["URL"]).endswith(f"/training/sessions/{session_id}")
    assert "meet.example.org" not in calendar.to_ical().decode()


def test_an_in_person_session_says_where(member, seed):
    session_id = seed(lambda: make_session(online=False, place="Αίθουσα Α").id)
    [event] = _calendar(member("mediator"), session_id).walk("VEVENT")
    assert str(event["LOCATION"]).startswith("Αίθουσα Α")


def test_members_only_and_unknown_sessions(app, member, seed):
    session_id = seed(lambda: make_session().id)
    assert app.test_client().get(f"/training/sessions/{session_id}.ics").status_code in (302, 401)
    assert member("mediator").get("/training/sessions/999999.ics").status_code == 404
