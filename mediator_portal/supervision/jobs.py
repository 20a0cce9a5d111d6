"""Supervision's background jobs: waitlist offers passed on when their time is up (and the
seats of slots with someone waiting offered), and the reminders of sessions (24 hours and
one hour before)."""

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.jobs import periodic
from mediator_portal.sent_once import send_once
from mediator_portal.supervision.models import Slot
from mediator_portal.supervision.services import reminders, waitlist, waitlist_listing


def pass_offers_now(now=None) -> int:
    """Pass every expired offer to the next person (each once, under its `sent_once` key),
    then offer the free seats of slots with someone waiting; how many offers were made."""
    now = now or utcnow()
    made: list[int] = []
    for entry_id in waitlist_listing.expired_offers(db.session, now):
        send_once(
            db.session,
            f"supervision_offer_passed:{entry_id}",
            lambda e=entry_id: made.extend(waitlist.pass_on(db.session, e, now)),
        )
    for slot_id in waitlist_listing.slots_to_offer(db.session, now):
        made.extend(waitlist.offer_free_seats(db.session, db.session.get(Slot, slot_id), now))
        db.session.commit()
    db.session.commit()
    return len(made)


@periodic(minute="*/5")
def pass_waitlist_offers() -> int:
    """Every five minutes: expired offers pass on; free seats go to those waiting."""
    return pass_offers_now()


def remind_now(now=None) -> int:
    """Send every supervision reminder due at `now` not sent yet (each under its own
    `sent_once` key, committed one by one); how many this run sent."""
    now = now or utcnow()
    sent = 0
    for reminder in reminders.due_reminders(db.session, now):
        if send_once(db.session, reminder.key, lambda r=reminder: reminders.remind(db.session, r)):
            sent += 1
    db.session.commit()
    return sent


@periodic(minute="*/5")
def send_supervision_reminders() -> int:
    """Every five minutes: the reminders of sessions entering their 24-hour or hour window."""
    return remind_now()
