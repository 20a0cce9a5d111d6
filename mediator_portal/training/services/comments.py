"""Comments under a proposal: writing (its followers are told, the author excepted),
editing (the earlier version kept, as on the board), and the history of a comment."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal.database import utcnow
from mediator_portal.notifications import services as notifications
from mediator_portal.text import render_markdown
from mediator_portal.training.models import Comment, CommentRevision, Proposal
from mediator_portal.training.services.errors import NotAllowed, NotFound
from mediator_portal.training.services.notices import COMMENT_KIND, comment_target
from mediator_portal.training.services.supports import follower_ids, require_open
from mediator_portal.training.services.texts import clean_text


def add_comment(session: Session, proposal: Proposal, *, author, body: str) -> Comment:
    """Comment on an open proposal; every follower but the author is notified (in-app, and
    by e-mail as each chose). Raises ProposalMerged, ProposalClosed, EmptyText,
    TextTooLong."""
    require_open(proposal)
    body = clean_text(body)
    comment = Comment(
        proposal_id=proposal.id, author_id=author.id, body=body, body_html=render_markdown(body)
    )
    session.add(comment)
    session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(comment_count=Proposal.comment_count + 1),
        execution_options={"synchronize_session": False},
    )
    session.flush()
    notifications.notify(
        session, follower_ids(session, proposal.id), COMMENT_KIND, comment_target(comment), author
    )
    return comment


def get_comment(session: Session, comment_id: int) -> Comment:
    """The comment with its author. Raises NotFound."""
    comment = session.scalar(
        select(Comment).options(joinedload(Comment.author)).where(Comment.id == comment_id)
    )
    if comment is None:
        raise NotFound()
    return comment


def edit_comment(session: Session, comment: Comment, *, editor, body: str) -> Comment:
    """Replace the text of the editor's own comment, keeping the previous version as a
    CommentRevision (an unchanged text adds none). Raises NotAllowed (someone else's),
    EmptyText, TextTooLong."""
    if comment.author_id != editor.id:
        raise NotAllowed()
    body = clean_text(body)
    if body != comment.body:
        now = utcnow()
        session.add(
            CommentRevision(
                comment_id=comment.id,
                body=comment.body,
                body_html=comment.body_html,
                written_at=comment.edited_at or comment.created_at,
                edited_at=now,
                editor_id=editor.id,
            )
        )
        comment.body, comment.body_html, comment.edited_at = body, render_markdown(body), now
    session.flush()
    return comment


def comments_of(session: Session, proposal: Proposal) -> list[Comment]:
    """The comments of `proposal`, oldest first, with their authors (one query)."""
    return list(
        session.scalars(
            select(Comment)
            .options(joinedload(Comment.author))
            .where(Comment.proposal_id == proposal.id)
            .order_by(Comment.created_at, Comment.id)
        )
    )


def comment_revisions(session: Session, comment: Comment) -> list[CommentRevision]:
    """The earlier versions of `comment`, oldest first, with their editors."""
    return list(
        session.scalars(
            select(CommentRevision)
            .options(selectinload(CommentRevision.editor))
            .where(CommentRevision.comment_id == comment.id)
            .order_by(CommentRevision.edited_at, CommentRevision.id)
        )
    )
