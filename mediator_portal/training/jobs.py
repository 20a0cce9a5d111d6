"""Training's background jobs: proposals covered once their session is over, and the
reminders to those going (the day before and one hour before)."""

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.jobs import periodic
from mediator_portal.sent_once import send_once
from mediator_portal.training import services


def cover_now() -> int:
    """Mark covered the proposals of every session that has ended; how many."""
    covered = services.cover_ended(db.session, utcnow())
    db.session.commit()
    return len(covered)


@periodic(minute="*/15")
def cover_ended_sessions() -> int:
    """Every quarter of an hour: the proposals of sessions just over become covered."""
    return cover_now()


def remind_now(now=None) -> int:
    """Send every reminder due at `now` not sent yet (each under its own `sent_once` key,
    committed one by one); how many this run sent."""
    now = now or utcnow()
    due = services.due_reminders(db.session, now)
    sent = 0
    for reminder in due:
        if send_once(db.session, reminder.key, lambda r=reminder: services.remind(db.session, r)):
            sent += 1
    db.session.commit()
    return sent


@periodic(minute="*/5")
def send_session_reminders() -> int:
    """Every five minutes: the reminders of sessions entering their day or hour window."""
    return remind_now()
