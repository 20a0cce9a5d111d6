"""One-click unsubscribe (RFC 8058): a signed link per person and kind, usable without signing
in, that sets that one kind to "never" for that one person.

The token is signed with the app's SECRET_KEY under its own salt (itsdangerous), carries the
person's id and the kind ("digest": every kind the person gets in the daily digest) and
expires after UNSUBSCRIBE_MAX_AGE. Raises UnsubscribeLinkInvalid (altered, unknown person or
kind) and UnsubscribeLinkExpired.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.notifications.models import EmailPreference
from mediator_portal.notifications.services.errors import (
    UnsubscribeLinkExpired,
    UnsubscribeLinkInvalid,
)
from mediator_portal.notifications.services.kinds import DIGEST, KINDS, NEVER
from mediator_portal.notifications.services.preferences import preferences

SALT = "notifications.unsubscribe"
DIGEST_KIND = "digest"  # the daily digest's own link: every kind it carries
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(user_id: int, kind: str) -> str:
    """The signed token of the unsubscribe link of `user_id` for `kind` (or DIGEST_KIND)."""
    return _serializer().dumps({"u": user_id, "k": kind})


@dataclass(frozen=True)
class Unsubscription:
    """What a valid link stands for: the person, and the kind they stop."""

    user: User
    kind: str


def read_unsubscribe_token(session: Session, token: str) -> Unsubscription:
    """The person and kind of `token`. Raises UnsubscribeLinkExpired when it is too old,
    UnsubscribeLinkInvalid when it was altered or names no (active) person or known kind."""
    max_age = int(UNSUBSCRIBE_MAX_AGE.total_seconds())
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise UnsubscribeLinkExpired() from error
    except BadSignature as error:
        raise UnsubscribeLinkInvalid() from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise UnsubscribeLinkInvalid()
    kind = data.get("k")
    if kind != DIGEST_KIND and kind not in KINDS:
        raise UnsubscribeLinkInvalid()
    user = session.get(User, data["u"])
    if user is None or not user.active:
        raise UnsubscribeLinkInvalid()
    return Unsubscription(user, kind)


def unsubscribe(session: Session, user_id: int, kind: str) -> list[str]:
    """Set `kind` to "never" for `user_id` (DIGEST_KIND: every kind now in their digest);
    returns the kinds changed. Other people and other kinds are untouched."""
    if kind == DIGEST_KIND:
        current = preferences(session, user_id).deliveries
        kinds = [name for name, delivery in current.items() if delivery == DIGEST]
    else:
        kinds = [kind]
    for name in kinds:
        session.merge(EmailPreference(user_id=user_id, kind=name, delivery=NEVER))
    session.flush()
    return kinds
