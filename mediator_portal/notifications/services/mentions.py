"""@mentions and quotes found in a post's Markdown.

A person's handle is their folded name (`search.fold`: no accents, no case, final sigma as
sigma) with spaces as "_": "Μαρία Παπαδοπούλου" is `@μαρια_παπαδοπουλου`, and
`@Μαρία_Παπαδοπούλου` or `@ΜΑΡΙΑ_ΠΑΠΑΔΟΠΟΥΛΟΥ` find her too; Latin names alike. A handle
two people share finds nobody (`accounts.services.handle`, `member_handles`). Code spans and
blocks are not searched.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User, handle, member_handles
from mediator_portal.notifications.services.targets import Target, load_targets, resolve_row
from mediator_portal.search import fold
from mediator_portal.text import MENTION  # "@" then a handle (accounts.services.handle)

CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
# `text.quote_markdown`: "Name:" on its own line, then "> " lines.
QUOTE = re.compile(r"^(?P<name>[^\n>][^\n]*):\n>", re.MULTILINE)
MAX_MENTIONS = 20


def mentioned_handles(text: str) -> list[str]:
    """The folded handles mentioned in `text`, in order, each once (at most MAX_MENTIONS)."""
    found: list[str] = []
    for match in MENTION.finditer(CODE.sub(" ", text or "")):
        key = fold(match.group(1))
        if key not in found:
            found.append(key)
    return found[:MAX_MENTIONS]


def mentioned_users(session: Session, text: str) -> list[int]:
    """Ids of the active people whose handle `text` mentions (one query when there is one)."""
    return sorted(member_handles(session, set(mentioned_handles(text))).values())


def quoted_names(text: str) -> set[str]:
    """The names of the authors `text` quotes (the lines `quote_markdown` writes)."""
    return {match.group("name").strip() for match in QUOTE.finditer(text or "")}


@dataclass(frozen=True)
class Member:
    """A person the composer may offer after "@": whether they may read where it is written."""

    id: int
    name: str
    handle: str
    can_read: bool


def mention_candidates(
    session: Session, prefix: str, target: Target | None, viewer=None, limit: int = 8
) -> list[Member]:
    """Active people whose handle starts with the folded `prefix` (or any of whose names
    does), those who may read `target` (a topic or category) first: the composer's
    autocomplete, and its warning that a mention will notify nobody. Two queries.

    When `viewer` (who asks) may not read `target`, nobody is said to read it: the answer
    does not tell who reads a place hidden from the one asking."""
    key = handle(prefix)
    if not key:
        return []
    row = load_targets(session, [target]).get(target) if target else None
    if row is not None and viewer is not None and not resolve_row(viewer, target, row).readable:
        row = None
    people = session.scalars(
        select(User).where(User.active.is_(True)).order_by(User.name_key, User.id)
    )
    found = []
    for person in people:
        own = handle(person.name)
        words = own.split("_")
        if own.startswith(key) or any(word.startswith(key) for word in words):
            readable = row is not None and resolve_row(person, target, row).readable
            found.append(Member(person.id, person.name, own, readable))
    found.sort(key=lambda member: not member.can_read)  # stable: names stay in order
    return found[:limit]
