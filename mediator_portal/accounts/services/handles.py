"""Members' handles: the name folded (`search.fold`: no accents, no case, final sigma as
sigma) with "_" for spaces. "Μαρία Παπαδοπούλου" is `μαρια_παπαδοπουλου`; `@Μαρία_Παπαδοπούλου`
finds her too. A handle two active people share finds nobody.

Used by @mentions (notifications), by the text gate's mention links (the caller passes
`member_handles`) and by the member page (`/members/<handle>`).
"""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.models import User
from mediator_portal.search import fold

MAX_HANDLE = 120  # a name is at most 120 characters


def handle(name: str) -> str:
    """The handle of a person called `name` (without the "@")."""
    return re.sub(r"[^\w.\-]+", "_", fold(name)).strip("_")


def _unique_handles(session: Session) -> dict[str, int]:
    """{handle: id} of the active members whose handle nobody else active shares (one query)."""
    found: dict[str, list[int]] = {}
    for user_id, name in session.execute(select(User.id, User.name).where(User.active.is_(True))):
        found.setdefault(handle(name), []).append(user_id)
    return {key: ids[0] for key, ids in found.items() if len(ids) == 1 and key}


def member_handles(session: Session, wanted: set[str] | None = None) -> dict[str, int]:
    """{handle: id} of active members with a handle of their own, only those in `wanted`
    (folded handles) when given; one query, none when `wanted` is empty."""
    if wanted is not None and not wanted:
        return {}
    found = _unique_handles(session)
    return found if wanted is None else {key: found[key] for key in wanted if key in found}


def find_member(session: Session, text: str) -> User | None:
    """The active member whose handle is `text` (in any case or accents), or None."""
    if not text or len(text) > MAX_HANDLE or "\x00" in text:
        return None
    key = fold(text)
    user_id = _unique_handles(session).get(key)
    return session.get(User, user_id) if user_id is not None else None
