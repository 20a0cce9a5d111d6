"""Adding, editing, replacing, deleting and purging library items (trainers and admins).

Files go through the core gate (`storage.store_upload`): streamed, checked, moved into place
and flushed; if the view's transaction then fails, the gate removes the file. Every change
re-indexes the item for search (`indexing`). Services flush, never commit.
"""

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal import audit, storage
from mediator_portal.accounts.services import LANGUAGES
from mediator_portal.database import utcnow
from mediator_portal.library.models import (
    FILE,
    LINK,
    NOTE_MAX,
    TAG_MAX,
    TITLE_MAX,
    URL_MAX,
    LibraryItem,
    LibrarySection,
    LibraryTag,
    LibraryVersion,
)
from mediator_portal.library.services import access, indexing
from mediator_portal.library.services.errors import BadLink, NotAFile, NotAllowed, NotFound
from mediator_portal.permissions import Role
from mediator_portal.search import fold
from mediator_portal.text import markdown_source, render_markdown

TAGS_MAX = 20
FIELDS = ("title", "description", "section", "languages", "tags", "visible_to", "url")


def _require_manager(actor) -> None:
    if not access.can_manage(actor):
        raise NotAllowed()


def _line(text: str | None, limit: int) -> str:
    """One line of text: no control characters, spaces collapsed, at most `limit` long."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text or "")
    return " ".join(text.split())[:limit]


def parse_tags(text: str | None) -> list[str]:
    """Tag names from "a, b, c": trimmed, one per folded key, at most TAGS_MAX."""
    names, keys = [], set()
    for part in (text or "").split(","):
        name = _line(part, TAG_MAX)
        key = fold(name)
        if key and key not in keys:
            keys.add(key)
            names.append(name)
    return names[:TAGS_MAX]


def clean_url(url: str | None) -> str:
    """`url` when it is a full http(s) address. Raises BadLink otherwise."""
    url = (url or "").strip()
    parts = urlsplit(url) if len(url) <= URL_MAX else None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url)
    ):
        raise BadLink()
    return url


def join_roles(roles) -> str:
    chosen = {str(role) for role in roles or ()}
    return ",".join(role.value for role in Role if role.value in chosen)


def join_languages(codes) -> str:
    chosen = {str(code) for code in codes or ()}
    return ",".join(code for code in LANGUAGES if code in chosen)


def _tags(session: Session, names: list[str]) -> list[LibraryTag]:
    """The tags named, created when new (matched by folded key)."""
    keys = {fold(name): name for name in names}
    found = {
        tag.key: tag
        for tag in session.scalars(select(LibraryTag).where(LibraryTag.key.in_(list(keys))))
    }
    for key, name in keys.items():
        if key not in found:
            found[key] = LibraryTag(name=name, key=key)
            session.add(found[key])
    return [found[key] for key in keys]


def _section(session: Session, section_id) -> LibrarySection | None:
    if section_id in (None, "", 0):
        return None
    section = session.get(LibrarySection, int(section_id))
    if section is None:
        raise NotFound()
    return section


def _apply(session: Session, item: LibraryItem, fields: dict) -> list[str]:
    """Set the given fields on `item`; returns the names of those that changed."""
    values = {}
    if "title" in fields:
        values["title"] = _line(fields["title"], TITLE_MAX)
    if "description" in fields:
        values["description"] = markdown_source(fields["description"]).strip()
    if "section" in fields:
        section = _section(session, fields["section"])
        values["section_id"] = section.id if section else None
    if "languages" in fields:
        values["languages"] = join_languages(fields["languages"])
    if "visible_to" in fields:
        values["visible_to"] = join_roles(fields["visible_to"])
    if "url" in fields and item.kind == LINK:
        values["url"] = clean_url(fields["url"])
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, values[name])
    if "description" in changed:
        item.description_html = render_markdown(item.description)
    if "tags" in fields:
        tags = _tags(session, parse_tags(fields["tags"]))
        if [tag.key for tag in tags] != [tag.key for tag in item.tags]:
            item.tags = tags
            changed.append("tags")
    return changed


def create_link(session: Session, *, actor, **fields) -> LibraryItem:
    """Add a link item. Raises NotAllowed, BadLink, NotFound (unknown section)."""
    _require_manager(actor)
    item = LibraryItem(kind=LINK, uploader_id=actor.id, tags=[])
    _apply(session, item, {"url": fields.get("url"), **fields})
    session.add(item)
    session.flush()
    audit.record(session, actor=actor, action="library.item.create", target=item)
    indexing.index_item(session, item)
    return item


def default_title(name: str) -> str:
    """The title a file gets when none is given: its name without the extension."""
    stem = PurePosixPath(name).stem if "." in name else name
    return _line(stem.replace("_", " "), TITLE_MAX) or _line(name, TITLE_MAX)


def _add_version(session: Session, item: LibraryItem, stored, *, actor, note: str) -> None:
    number = (
        session.scalar(
            select(LibraryVersion.number)
            .where(LibraryVersion.item_id == item.id)
            .order_by(LibraryVersion.number.desc())
            .limit(1)
        )
        or 0
    ) + 1
    version = LibraryVersion(
        item_id=item.id,
        stored_file_id=stored.id,
        number=number,
        note=_line(note, NOTE_MAX),
        uploader_id=actor.id,
    )
    session.add(version)
    session.flush()
    item.current_version_id = version.id
    item.updated_at = utcnow()
    session.flush()
    storage.enqueue_processing(stored, session=session)  # thumbnail, text: after commit


def create_file_item(session: Session, upload, *, actor, **fields) -> LibraryItem:
    """Add a file item from `upload` (a FileStorage), titled after the file when no title is
    given. Raises NotAllowed, storage.UploadRefused, NotFound (unknown section)."""
    _require_manager(actor)
    stored = storage.store_upload(session, upload, user_id=actor.id)
    if not (fields.get("title") or "").strip():
        fields["title"] = default_title(stored.original_name)
    fields.pop("url", None)
    item = LibraryItem(kind=FILE, uploader_id=actor.id, tags=[])
    _apply(session, item, fields)
    session.add(item)
    session.flush()
    _add_version(session, item, stored, actor=actor, note="")
    audit.record(session, actor=actor, action="library.item.create", target=item)
    indexing.index_item(session, item)
    indexing.index_file(session, item, stored)
    return item


def update_item(session: Session, item: LibraryItem, *, actor, **fields) -> list[str]:
    """Change an item's metadata; returns the names of the fields that changed.

    Raises NotAllowed, BadLink, NotFound (unknown section).
    """
    _require_manager(actor)
    changed = _apply(session, item, {name: fields[name] for name in FIELDS if name in fields})
    if changed:
        item.updated_at = utcnow()
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="library.item.update",
            target=item,
            details={"fields": sorted(changed)},
        )
        indexing.index_item(session, item)
    return changed


def replace_file(session: Session, item: LibraryItem, upload, *, actor, note: str = ""):
    """A new version of a file item from `upload`, with a change note; earlier ones are kept.

    Raises NotAllowed, NotAFile (a link), storage.UploadRefused.
    """
    _require_manager(actor)
    if item.kind != FILE:
        raise NotAFile()
    stored = storage.store_upload(session, upload, user_id=actor.id)
    _add_version(session, item, stored, actor=actor, note=note)
    audit.record(
        session,
        actor=actor,
        action="library.item.replace",
        target=item,
        details={"file": stored.original_name},
    )
    indexing.index_file(session, item, stored)
    return stored


def delete_item(session: Session, item: LibraryItem, *, actor) -> None:
    """Soft-delete `item` (its files stay until purged). Raises NotAllowed."""
    _require_manager(actor)
    if item.deleted:
        return
    item.deleted_at, item.deleted_by_id = utcnow(), actor.id
    session.flush()
    audit.record(session, actor=actor, action="library.item.delete", target=item)


def restore_item(session: Session, item: LibraryItem, *, actor) -> None:
    """Bring a soft-deleted item back. Raises NotAllowed."""
    _require_manager(actor)
    if not item.deleted:
        return
    item.deleted_at = item.deleted_by_id = None
    session.flush()
    audit.record(session, actor=actor, action="library.item.restore", target=item)


def purge_item(session: Session, item: LibraryItem, *, actor) -> None:
    """Remove a deleted item for good: its rows, its search entries and, through the file
    gate, its files (after the commit). Raises NotAllowed (admins only; live items too)."""
    if not access.can_purge(actor) or not item.deleted:
        raise NotAllowed()
    versions = list(
        session.scalars(select(LibraryVersion).where(LibraryVersion.item_id == item.id))
    )
    stored_ids = [version.stored_file_id for version in versions]
    audit.record(
        session,
        actor=actor,
        action="library.item.purge",
        target=item,
        details={"versions": len(versions)},
    )
    indexing.remove_item(session, item.id)
    for version in versions:
        session.delete(version)
    session.flush()  # the versions first: the database would cascade them with the item
    session.delete(item)
    session.flush()
    for stored in session.scalars(
        select(storage.StoredFile).where(storage.StoredFile.id.in_(stored_ids))
    ):
        storage.purge(session, stored)
