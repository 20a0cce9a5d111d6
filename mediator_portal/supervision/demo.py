"""Demo supervision: Άννα Σωτηρίου (supervisor1) supervises mediators 01-06 and
Κωνσταντίνος Ρήγας (supervisor2) mediators 07-10; Άννα has a group of four, a weekly group
slot for the next six weeks and individual slots next week, some of them booked; a period
with an hours target around today, and two past sessions with attendance marked (a group
session of the four, one a no-show, and an individual one). Safe to run again (nothing is
added once an assignment exists)."""

from datetime import time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Assignment
from mediator_portal.timezones import to_local

TEAMS = {
    "supervisor1@example.org": range(1, 7),
    "supervisor2@example.org": range(7, 11),
}
ROOM = "Αίθουσα εποπτείας, Λεωφ. Βασιλίσσης Σοφίας 15, Αθήνα"


def present(session: Session) -> bool:
    """True when someone is assigned to a supervisor already."""
    return session.scalar(select(Assignment.id).limit(1)) is not None


def load(session: Session) -> dict[str, int]:
    """Assignments, a group, slots and bookings; returns what was added."""
    added = {"assignments": 0, "slots": 0, "bookings": 0}
    if present(session):
        return added
    people = {user.email: user for user in session.scalars(select(User))}
    admin = people.get("admin@example.org")
    teams = {}
    for email, numbers in TEAMS.items():
        supervisor = people.get(email)
        if supervisor is None or admin is None:
            continue
        team = [
            people[f"mediator{n:02d}@example.org"]
            for n in numbers
            if f"mediator{n:02d}@example.org" in people
        ]
        for mediator in team:
            services.assign(
                session, actor=admin, mediator_id=mediator.id, supervisor_id=supervisor.id
            )
            added["assignments"] += 1
        teams[email] = (supervisor, team)
    if "supervisor1@example.org" not in teams:
        return added
    supervisor, team = teams["supervisor1@example.org"]
    group = services.create_group(
        session, supervisor=supervisor, name="Ομάδα Τετάρτης", member_ids=[m.id for m in team[:4]]
    )
    # At least four days ahead: every booking below is past the minimum notice.
    next_week = services.monday_of(to_local(utcnow()).date() + timedelta(days=3)) + timedelta(
        weeks=1
    )
    weekly = services.publish(
        session,
        supervisor=supervisor,
        kind=services.GROUP,
        where=services.Where(True, "https://meet.example.org/omada-tetartis"),
        day=next_week + timedelta(days=2),
        start=time(17, 0),
        minutes=90,
        capacity=6,
        group_id=group.id,
        repeat_until=next_week + timedelta(weeks=5, days=2),
    )
    singles = [
        services.publish(
            session,
            supervisor=supervisor,
            kind=services.INDIVIDUAL,
            where=services.Where(
                online,
                "https://meet.example.org/anna" if online else None,
                None if online else ROOM,
            ),
            day=next_week + timedelta(days=offset),
            start=time(hour, 0),
            minutes=50,
        ).slots[0]
        for offset, hour, online in ((0, 10, True), (1, 12, False), (3, 10, True), (4, 11, True))
    ]
    added["slots"] = len(weekly.slots) + len(singles)
    for mediator in team[:3]:
        services.book(session, weekly.slots[0], mediator)
        added["bookings"] += 1
    for slot, mediator in ((singles[0], team[0]), (singles[2], team[4])):
        services.book(session, slot, mediator)
        added["bookings"] += 1
    added.update(_hours(session, admin, supervisor, team, group.id))
    return added


def _past(session: Session, supervisor, days_ago: int, **options):
    """A slot of `supervisor` that took place `days_ago` days ago, published back then:
    (slot, when it was published)."""
    back_then = utcnow() - timedelta(days=days_ago + 7)
    made = services.publish(
        session,
        supervisor=supervisor,
        where=services.Where(True, "https://meet.example.org/anna"),
        day=to_local(utcnow()).date() - timedelta(days=days_ago),
        now=back_then,
        **options,
    )
    return made.slots[0], back_then


def _hours(session: Session, admin, supervisor, team, group_id: int) -> dict[str, int]:
    """A period with a target around today and two past sessions, booked back then and
    marked: the hours record, the totals and the waitlist's ranking have something to show."""
    today = to_local(utcnow()).date()
    first, last = today - timedelta(days=90), today + timedelta(days=90)
    services.save_period(
        session,
        actor=admin,
        name=f"Εξάμηνο {first:%m/%Y}–{last:%m/%Y}",
        starts_on=first,
        ends_on=last,
        target_hours=12,
    )
    group_slot, then = _past(
        session,
        supervisor,
        14,
        kind=services.GROUP,
        start=time(17, 0),
        minutes=90,
        capacity=6,
        group_id=group_id,
    )
    single, single_then = _past(
        session, supervisor, 7, kind=services.INDIVIDUAL, start=time(10, 0), minutes=50
    )
    for mediator in team[:4]:
        services.book(session, group_slot, mediator, then)
    services.book(session, single, team[4], single_then)
    marks = {mediator.id: services.ATTENDED for mediator in team[:3]}
    marks[team[3].id] = services.NO_SHOW
    services.mark_attendance(session, group_slot, supervisor=supervisor, marks=marks)
    services.mark_attendance(
        session, single, supervisor=supervisor, marks={team[4].id: services.ATTENDED}
    )
    return {
        "supervision periods": 1,
        "past supervision sessions": 2,
        "attendance marks": len(marks) + 1,
    }
