"""The notifications feature's background jobs: e-mail now for one notification, and the daily
digest, each sent exactly once (`sent_once`) by the worker, never inside a request.

* `send_notification_email(id, base_url)`: queued by the receiver of
  `signals.notifications_created` for what the person wants "immediately", to run
  NOTIFICATION_EMAIL_DELAY seconds later (30: time to see it on the site); when it runs it
  asks `services.immediate_email` again (read since, preferences changed, paused, access lost:
  nothing) and applies Discourse's rule (`services.seen_recently`: active on the site in the
  last 10 minutes and already read it there: nothing). Key "notification:<id>" (a grouped
  notification renewed by more people: "notification:<id>:<people>").
* `hourly_digests()`: every hour on the hour (Athens time), one `send_digest` job per person
  whose digest hour it is (`services.digest_due`); `send_digest` sends the unread
  notifications since the last digest grouped by topic, nothing when there are none, once per
  person and Athens day (key "digest:<user>:<date>"), with two workers or a retry alike.

E-mails are rendered in the person's language (`force_locale`), as text and HTML
(templates/notifications/email/), with absolute links on PUBLIC_URL (else the address handed
to the job, as the invitation job does), a link to the preferences, a one-click unsubscribe
link for the kind and the `List-Unsubscribe`/`List-Unsubscribe-Post` headers (RFC 8058).
Sensitive categories: the topic's title and a link only, never any text of a post.
"""

from datetime import datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.jobs import QueueUnavailable, job, periodic
from mediator_portal.mailer import external_url, link_base, send_message
from mediator_portal.notifications import services
from mediator_portal.sent_once import send_once
from mediator_portal.timezones import to_local

DIGEST_SUBJECT = _l("Your daily summary from the Mediator Portal")


def queue_immediate(notification_ids: list[int], kind: str) -> int:
    """Queue `send_notification_email` for those of `notification_ids` whose person wants
    them now (after the commit that stored them); how many were queued. A queue that cannot
    take them is logged, never raised: the notifications stay, and show on the site."""
    wanted = services.immediate_candidates(db.session, notification_ids, kind)
    base, delay = link_base(), current_app.config["NOTIFICATION_EMAIL_DELAY"]
    for notification_id in wanted:
        try:
            send_notification_email.enqueue_in(delay, notification_id, base)
        except QueueUnavailable:
            current_app.logger.warning("e-mail of notification %s not queued", notification_id)
    return len(wanted)


def _unsubscribe_url(user_id: int, kind: str, locale: str) -> str:
    """The one-click link (its page in the person's language, as they are not signed in)."""
    token = services.unsubscribe_token(user_id, kind)
    return external_url("notifications.unsubscribe", token=token, lang=locale)


def _absolute(link: services.Link) -> str:
    return external_url(link.endpoint, **dict(link.values))


def _send(address: str, locale: str, subject, template: str, unsubscribe: str, **context):
    """Render templates/notifications/email/<template>.txt and .html in `locale` and send them
    with the one-click unsubscribe headers (inside a request context on the link base)."""
    context.update(
        unsubscribe_url=unsubscribe,
        preferences_url=external_url("notifications.preferences", lang=locale),
    )
    with force_locale(locale):
        subject = str(subject)
        text = render_template(f"notifications/email/{template}.txt", **context)
        html = render_template(f"notifications/email/{template}.html", **context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    send_message(address, subject, text, html=html, headers=headers)


@job(retries=3, retry_delay=60)
def send_notification_email(notification_id: int, base_url: str) -> bool:
    """E-mail one notification now, once; True when it went out. Raises MailError to be
    retried."""
    email = services.immediate_email(db.session, notification_id)
    if email is None or services.seen_recently(db.session, email, utcnow()):
        return False
    item = email.item
    key = f"notification:{notification_id}"
    if item.others:
        key += f":{item.others + 1}"
    app = current_app._get_current_object()

    def send() -> None:
        with app.test_request_context(base_url=base_url), force_locale(email.locale):
            what = services.kind_label(email.kind)
            _send(
                email.email,
                email.locale,
                _("%(what)s: %(title)s", what=what, title=item.title),
                "immediate",
                _unsubscribe_url(email.recipient_id, email.kind, email.locale),
                email=email,
                item=item,
                kind_label=what,
                link=_absolute(item.link),
            )

    return send_once(db.session, key, send)


def digest_key(user_id: int, moment: datetime) -> str:
    """The digest's exactly-once key: one per person per day on the Athens calendar."""
    return f"digest:{user_id}:{to_local(moment).date().isoformat()}"


def queue_digests(now: datetime) -> int:
    """Queue `send_digest` for each person whose digest hour it is at `now`; how many."""
    due = services.digest_due(db.session, now)
    base = link_base()
    for user_id in due:
        send_digest.enqueue(user_id, now.isoformat(), base)
    return len(due)


@periodic(minute="0")
def hourly_digests() -> int:
    """Every hour on the hour: queue the digests due now."""
    return queue_digests(utcnow())


@job(retries=3, retry_delay=60)
def send_digest(user_id: int, at: str, base_url: str) -> bool:
    """E-mail `user_id` their digest for the slot `at` (ISO UTC), once per Athens day, and
    record it (`digest_sent`) in the same transaction; nothing when it would be empty.
    True when it went out. Raises MailError to be retried."""
    moment = datetime.fromisoformat(at)
    person = db.session.get(User, user_id)
    if person is None or not person.active:
        return False
    address, locale = person.email, person.locale
    topics = services.digest_topics(db.session, person, services.last_digest(db.session, user_id))
    if not topics:
        return False
    kinds = sorted({kind for topic in topics for kind in topic.kinds})
    app = current_app._get_current_object()

    def send() -> None:
        services.digest_sent(db.session, user_id, moment)
        with app.test_request_context(base_url=base_url), force_locale(locale):
            groups = [
                (topic, _absolute(topic.link), [(e, _absolute(e.item.link)) for e in topic.entries])
                for topic in topics
            ]
            _send(
                address,
                locale,
                DIGEST_SUBJECT,
                "digest",
                _unsubscribe_url(user_id, services.DIGEST_KIND, locale),
                groups=groups,
                kind_links=[
                    (services.kind_label(kind), _unsubscribe_url(user_id, kind, locale))
                    for kind in kinds
                ],
                kind_label=services.kind_label,
                day=moment,
            )

    return send_once(db.session, digest_key(user_id, moment), send)
