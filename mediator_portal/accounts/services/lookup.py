"""Finding accounts: by e-mail address (compared without case or outer spaces), or all
the active ones (an announcement's recipients)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.models import User

MAX_EMAIL = User.email.type.length


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively and without surrounding spaces."""
    return (email or "").strip().lower()


def find_by_email(session: Session, email: str) -> User | None:
    """The account with this e-mail (any case), or None."""
    email = normalize_email(email)
    if not email or len(email) > MAX_EMAIL or "\x00" in email:
        return None  # PostgreSQL refuses NUL in text; no stored address is empty or that long
    return session.scalar(select(User).where(User.email == email))


def active_member_ids(session: Session) -> list[int]:
    """The ids of every active account, in id order."""
    return list(session.scalars(select(User.id).where(User.active.is_(True)).order_by(User.id)))
