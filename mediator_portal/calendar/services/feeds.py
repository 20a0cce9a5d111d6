"""The secret address of a person's feed: made, made again (the old one dies at once), shown
to its owner, and found again from a fetch.

The token is `secrets.token_urlsafe(32)` (256 random bits). The database keeps its SHA-256,
which a fetch is looked up by (an index on a hash an attacker cannot choose, then a
constant-time comparison), and the token encrypted with the notes key, which only the
settings page reads.
"""

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from mediator_portal import audit
from mediator_portal.accounts.services import User
from mediator_portal.calendar.models import CalendarFeed
from mediator_portal.calendar.services.errors import FeedNotFound

TOKEN_BYTES = 32
# token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of `token`: what the database keeps to find a feed."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def feed_of(session: Session, user) -> CalendarFeed | None:
    """`user`'s feed with its token (decrypted), or None when they never made one.
    Raises crypto.UnreadableText when the notes key that encrypted it is gone."""
    return session.scalar(
        select(CalendarFeed)
        .options(undefer(CalendarFeed.token))
        .where(CalendarFeed.user_id == user.id)
    )


def regenerate(session: Session, user) -> str:
    """Give `user` a new feed token (the first one, or a new one that kills the previous
    address at once) and return it. Audited, without the token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    action = "calendar.feed.regenerate" if feed is not None else "calendar.feed.create"
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        session.add(feed)
    feed.token_hash = token_hash(token)
    feed.token = token
    session.flush()
    audit.record(session, actor=user, action=action, target=feed, target_label=user.name)
    return token


def owner_of(session: Session, token: str) -> User:
    """The active account whose feed has address `token` (one query). Raises FeedNotFound
    for a malformed, unknown, replaced or closed account's token, all alike."""
    if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
        raise FeedNotFound()
    wanted = token_hash(token)
    found = session.execute(
        select(User, CalendarFeed.token_hash)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == wanted, User.active.is_(True))
    ).first()
    if found is None or not hmac.compare_digest(found[1], wanted):
        raise FeedNotFound()
    return found[0]
