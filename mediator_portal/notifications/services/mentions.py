"""@mentions and quotes found in a post's Markdown.

A person's handle is their folded name (`search.fold`: no accents, no case, final sigma as
sigma) with spaces as "_": "Μαρία Παπαδοπούλου" is `@μαρια_παπαδοπουλου`, and
`@Μαρία_Παπαδοπούλου` or `@ΜΑΡΙΑ_ΠΑΠΑΔΟΠΟΥΛΟΥ` find her too; Latin names alike. A handle
two people share finds nobody. Code spans and blocks are not searched.
"""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.search import fold

# "@" at the start or after a space or punctuation, then letters, digits, "_", "-", "."
# (a trailing dot or dash is punctuation).
MENTION = re.compile(r"(?<![\w@])@([^\W_][\w.\-]*\w|[^\W_])", re.UNICODE)
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
# `text.quote_markdown`: "Name:" on its own line, then "> " lines.
QUOTE = re.compile(r"^(?P<name>[^\n>][^\n]*):\n>", re.MULTILINE)
MAX_MENTIONS = 20


def handle(name: str) -> str:
    """The handle of a person called `name` (without the "@")."""
    return re.sub(r"[^\w.\-]+", "_", fold(name)).strip("_")


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
    wanted = set(mentioned_handles(text))
    if not wanted:
        return []
    by_handle: dict[str, list[int]] = {}
    for user_id, name in session.execute(select(User.id, User.name).where(User.active.is_(True))):
        key = handle(name)
        if key in wanted:
            by_handle.setdefault(key, []).append(user_id)
    return sorted(ids[0] for ids in by_handle.values() if len(ids) == 1)


def quoted_names(text: str) -> set[str]:
    """The names of the authors `text` quotes (the lines `quote_markdown` writes)."""
    return {match.group("name").strip() for match in QUOTE.finditer(text or "")}


def members_matching(session: Session, prefix: str, limit: int = 8) -> list[tuple[int, str, str]]:
    """(id, name, handle) of active people whose handle starts with folded `prefix`, for
    the composer's autocomplete (one query)."""
    key = handle(prefix)
    if not key:
        return []
    rows = session.execute(
        select(User.id, User.name).where(User.active.is_(True)).order_by(User.name_key)
    )
    found = [(user_id, name, handle(name)) for user_id, name in rows]
    return [row for row in found if row[2].startswith(key)][:limit]
