"""Files under posts: images (JPEG, PNG, WebP) and PDFs, kept by the upload gate (storage.py).

A post gets its files in the transaction that writes it (`attach_files`, called by
`posting`): files sent with the form go through the gate there; files the composer's script
uploaded beforehand (`store_pending`) wait as *pending* attachments of their uploader, with
no post, and are attached only by their uploader (their ids sent with the form). A refused
file refuses the whole post: the view rolls back, which deletes every file written.
Pending attachments older than PENDING_MAX_AGE are purged by `purge_pending` (forums/jobs.py).

Who may open a file is who may read its post (`get_attachment`); a deleted post's files
only moderators, as its history; a pending file only its uploader.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload
from werkzeug.datastructures import FileStorage

from mediator_portal import storage
from mediator_portal.file_names import clean_name
from mediator_portal.forums.models import Post, PostAttachment
from mediator_portal.forums.services import access
from mediator_portal.forums.services.errors import (
    AttachmentsRefused,
    AttachmentUnavailable,
    NotFound,
    TooManyAttachments,
    TooManyPending,
)
from mediator_portal.storage import StoredFile, UploadRefused

KINDS = frozenset({"image", "pdf"})
PENDING_MAX_AGE = timedelta(days=1)
PENDING_PER_POST = 4  # pending uploads one person may hold: this many posts' worth


@dataclass(frozen=True, slots=True)
class AttachmentView:
    """What a post shows of one file (hashable: part of the rendered post's cache key)."""

    id: int
    name: str
    kind: str
    size: int
    has_thumbnail: bool

    @property
    def image(self) -> bool:
        return self.kind == "image"


@dataclass
class NewFiles:
    """The file changes sent with a post: files of the form, pending ids, ids to remove."""

    uploads: Sequence[FileStorage] = ()
    pending_ids: Sequence[int] = ()
    remove_ids: Sequence[int] = ()

    def __bool__(self) -> bool:
        return bool(self.sent or self.pending_ids or self.remove_ids)

    @property
    def sent(self) -> list[FileStorage]:
        """The form's files that hold something (an empty file field sends a nameless part)."""
        return [upload for upload in self.uploads if upload and upload.filename]


def max_per_post() -> int:
    """At most this many files on one post (`FORUM_ATTACHMENTS_MAX`)."""
    return current_app.config["FORUM_ATTACHMENTS_MAX"]


def _keep(session: Session, upload: FileStorage, uploader_id: int) -> StoredFile:
    stored = storage.store_upload(session, upload, user_id=uploader_id, kinds=KINDS)
    storage.enqueue_processing(stored, session=session)
    return stored


def store_pending(session: Session, *, uploader, upload: FileStorage) -> PostAttachment:
    """Keep `upload` as a pending attachment of `uploader` (added and flushed).

    Raises TooManyPending when they hold PENDING_PER_POST posts' worth of pending uploads
    already, UploadRefused (400; 413 when too large) with the gate's message.
    """
    waiting = session.scalar(
        select(func.count(PostAttachment.id)).where(
            PostAttachment.post_id.is_(None), PostAttachment.uploader_id == uploader.id
        )
    )
    if waiting >= PENDING_PER_POST * max_per_post():
        raise TooManyPending()
    stored = _keep(session, upload, uploader.id)
    attachment = PostAttachment(stored_file=stored, uploader_id=uploader.id, post_id=None)
    session.add(attachment)
    session.flush()
    return attachment


def _current(session: Session, post: Post) -> list[PostAttachment]:
    return list(
        session.scalars(
            select(PostAttachment)
            .options(joinedload(PostAttachment.stored_file))
            .where(PostAttachment.post_id == post.id)
            .order_by(PostAttachment.position, PostAttachment.id)
        )
    )


def _pending(session: Session, author, ids: Iterable[int]) -> list[PostAttachment]:
    """The pending attachments `ids` of `author`, in the order given. Raises
    AttachmentUnavailable when one is not a pending attachment of theirs."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {
        attachment.id: attachment
        for attachment in session.scalars(
            select(PostAttachment).where(
                PostAttachment.id.in_(wanted),
                PostAttachment.post_id.is_(None),
                PostAttachment.uploader_id == author.id,
            )
        )
    }
    if len(found) != len(wanted):
        raise AttachmentUnavailable()
    return [found[number] for number in wanted]


def attach_files(session: Session, post: Post, author, files: NewFiles) -> None:
    """Apply `files` to `post` (flushed): remove those asked, attach `author`'s pending
    uploads, and pass the form's files through the gate, in that order after the others.

    Raises AttachmentUnavailable, TooManyAttachments (more than `max_per_post()` in all), or
    AttachmentsRefused with a message per refused file (every file is tried first); the
    caller rolls back, which deletes the files already written.
    """
    current = _current(session, post) if files.remove_ids or files.pending_ids or files.sent else []
    removing = [attachment for attachment in current if attachment.id in set(files.remove_ids)]
    pending = _pending(session, author, files.pending_ids)
    sent = files.sent
    limit = max_per_post()
    if len(current) - len(removing) + len(pending) + len(sent) > limit:
        raise TooManyAttachments(limit)
    stored, problems, status = [], [], 400
    for upload in sent:
        try:
            stored.append(_keep(session, upload, author.id))
        except UploadRefused as error:
            problems.append(f"{clean_name(upload.filename or '')}: {error.message}")
            status = max(status, error.status)
    if problems:
        raise AttachmentsRefused(problems, status)
    for attachment in removing:
        _remove(session, attachment)
    position = max((a.position for a in current if a not in removing), default=-1) + 1
    for attachment in pending:
        attachment.post_id, attachment.position = post.id, position
        position += 1
    for kept in stored:
        session.add(
            PostAttachment(
                post_id=post.id, stored_file=kept, uploader_id=author.id, position=position
            )
        )
        position += 1
    session.flush()


def _remove(session: Session, attachment: PostAttachment) -> None:
    stored = attachment.stored_file
    session.delete(attachment)
    session.flush()
    storage.purge(session, stored)


def views_of(session: Session, post_ids: Sequence[int]) -> dict[int, tuple[AttachmentView, ...]]:
    """The files of each of `post_ids`, in order (one query for all)."""
    if not post_ids:
        return {}
    files = StoredFile.__table__.c
    rows = session.execute(
        select(
            PostAttachment.post_id,
            PostAttachment.id,
            files.original_name,
            files.kind,
            files.size,
            files.thumbnail_key.is_not(None),
        )
        .join(StoredFile.__table__, files.id == PostAttachment.stored_file_id)
        .where(PostAttachment.post_id.in_(post_ids))
        .order_by(PostAttachment.post_id, PostAttachment.position, PostAttachment.id)
    )
    result: dict[int, list[AttachmentView]] = {}
    for post_id, *values in rows:
        result.setdefault(post_id, []).append(AttachmentView(*values))
    return {post_id: tuple(views) for post_id, views in result.items()}


def pending_views(session: Session, author, ids: Iterable[int]) -> list[AttachmentView]:
    """`author`'s pending attachments among `ids` (to show again in a form sent back)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = session.scalars(
        select(PostAttachment)
        .options(joinedload(PostAttachment.stored_file))
        .where(
            PostAttachment.id.in_(wanted),
            PostAttachment.post_id.is_(None),
            PostAttachment.uploader_id == author.id,
        )
    )
    by_id = {attachment.id: _view(attachment) for attachment in found}
    return [by_id[number] for number in wanted if number in by_id]


def post_attachments(session: Session, post: Post) -> list[AttachmentView]:
    """The files of `post`, in order (for its edit form)."""
    return [_view(attachment) for attachment in _current(session, post)]


def _view(attachment: PostAttachment) -> AttachmentView:
    stored = attachment.stored_file
    return AttachmentView(
        attachment.id,
        stored.original_name,
        stored.kind,
        stored.size,
        stored.thumbnail_key is not None,
    )


def get_attachment(session: Session, user, attachment_id: int) -> PostAttachment:
    """Attachment `attachment_id` with its file, if `user` may open it: they may read its
    post (a deleted post's files: moderators only), or it is their own pending upload.
    Raises NotFound otherwise (a guessed id looks the same as a missing one)."""
    attachment = session.scalar(
        select(PostAttachment)
        .options(joinedload(PostAttachment.stored_file), joinedload(PostAttachment.post))
        .where(PostAttachment.id == attachment_id)
    )
    if attachment is None:
        raise NotFound()
    post = attachment.post
    if post is None:
        if attachment.uploader_id != getattr(user, "id", None):
            raise NotFound()
    elif not access.can_view_post(user, post) or (post.deleted and not access.is_moderator(user)):
        raise NotFound()
    return attachment


def purge_pending(session: Session, *, now: datetime) -> int:
    """Delete pending attachments (and their files, once committed) uploaded before
    `now - PENDING_MAX_AGE`; how many."""
    old = list(
        session.scalars(
            select(PostAttachment)
            .options(joinedload(PostAttachment.stored_file))
            .where(
                PostAttachment.post_id.is_(None),
                PostAttachment.created_at < now - PENDING_MAX_AGE,
            )
            .limit(500)
        )
    )
    for attachment in old:
        _remove(session, attachment)
    return len(old)
