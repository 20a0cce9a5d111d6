"""Training proposals: themes, proposals of topics (with their earlier versions), their
supports, followers, comments (with their earlier versions), public answers (the timeline)
and trainers' private notes.

`Proposal.support_count` and `comment_count` are kept by the services so that the list sorts
and shows them from one row; `title_key` is the title folded (`mediator_portal.search.fold`)
for accent-insensitive matching. One support per person per proposal is the unique
constraint `uq_training_supports`; a merged proposal points at its survivor.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.i18n import N_

if TYPE_CHECKING:  # a string annotation, resolved by SQLAlchemy's registry
    from mediator_portal.training.models.sessions import TrainingSession

TITLE_MAX = 200
BODY_MAX = 10_000
THEME_NAME_MAX = 120

PROPOSED, UNDER_REVIEW, ACCEPTED, SCHEDULED, COVERED, DECLINED, MERGED = (
    "proposed",
    "under_review",
    "accepted",
    "scheduled",
    "covered",
    "declined",
    "merged",
)
STATUSES = (PROPOSED, UNDER_REVIEW, ACCEPTED, SCHEDULED, COVERED, DECLINED, MERGED)
# Msgids (N_), translated where they are shown.
STATUS_LABELS = {
    PROPOSED: N_("Proposed"),
    UNDER_REVIEW: N_("Under review"),
    ACCEPTED: N_("Accepted"),
    SCHEDULED: N_("Scheduled"),
    COVERED: N_("Covered"),
    DECLINED: N_("Declined"),
    MERGED: N_("Merged"),
}
# Where a proposal may go: covered and merged are final; a declined one may be looked at
# again; a scheduled one goes back to accepted when its session is cancelled.
TRANSITIONS = {
    PROPOSED: (UNDER_REVIEW, ACCEPTED, DECLINED, MERGED),
    UNDER_REVIEW: (ACCEPTED, DECLINED, MERGED),
    ACCEPTED: (SCHEDULED, DECLINED, MERGED),
    SCHEDULED: (COVERED, ACCEPTED),
    COVERED: (),
    DECLINED: (UNDER_REVIEW,),
    MERGED: (),
}
OPEN_STATUSES = (PROPOSED, UNDER_REVIEW, ACCEPTED, SCHEDULED)


class TrainingTheme(db.Model):
    """A theme of the list trainers keep (Greek and English names)."""

    __tablename__ = "training_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_el: Mapped[str] = mapped_column(String(THEME_NAME_MAX))
    name_en: Mapped[str] = mapped_column(String(THEME_NAME_MAX), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def name(self) -> str:  # the audit log's label
        return self.name_el

    def label(self, locale: str) -> str:  # the name in `locale`, Greek when no English
        return self.name_en if locale == "en" and self.name_en else self.name_el


class Proposal(db.Model):
    """A topic proposed for the training meetings."""

    __tablename__ = "training_proposals"
    __table_args__ = (
        Index("ix_training_proposals_status_support", "status", "support_count"),
        Index("ix_training_proposals_answered", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    title_key: Mapped[str] = mapped_column(String(TITLE_MAX), index=True, default="")
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    theme_id: Mapped[int] = mapped_column(ForeignKey("training_themes.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=PROPOSED)
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]  # the last change of its text (ProposalRevision)
    answered_at: Mapped[datetime | None]  # the last public answer
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("training_proposals.id"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"), index=True
    )

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    theme: Mapped[TrainingTheme] = relationship()
    merged_into: Mapped["Proposal | None"] = relationship(remote_side=[id])
    session: Mapped["TrainingSession | None"] = relationship()  # the one covering it
    languages: Mapped[list["ProposalLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="ProposalLanguage.code"
    )

    @property
    def language_codes(self) -> list[str]:
        return [row.code for row in self.languages]

    @property
    def is_open(self) -> bool:  # members may still support and comment
        return self.status in OPEN_STATUSES


class ProposalRevision(db.Model):
    """An earlier version of a proposal (title, text, theme, languages), replaced at
    `edited_at` by `editor`."""

    __tablename__ = "training_proposal_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("training_themes.id"))
    languages: Mapped[str] = mapped_column(String(200), default="")  # codes, comma-separated
    written_at: Mapped[datetime]
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    editor: Mapped[User | None] = relationship()
    theme: Mapped[TrainingTheme | None] = relationship()


class ProposalLanguage(db.Model):
    """A language the proposed training concerns (the profile language list)."""

    __tablename__ = "training_proposal_languages"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True)


class Support(db.Model):
    """One member's support of one proposal (at most one: the unique constraint)."""

    __tablename__ = "training_supports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id", name="uq_training_supports"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Follow(db.Model):
    """Whether `user` follows a proposal (is told of its answers); an unfollow stays as a row
    (`following` False) that supporting again keeps. `seen_at`: last opened (home panel)."""

    __tablename__ = "training_follows"
    __table_args__ = (Index("ix_training_follows_proposal", "proposal_id", "following"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), primary_key=True
    )
    following: Mapped[bool] = mapped_column(Boolean, default=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Comment(db.Model):
    """A comment under a proposal (Markdown source and its sanitized HTML)."""

    __tablename__ = "training_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    # Raised at every UPDATE: editing a version changed meanwhile fails (409).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    author: Mapped[User] = relationship(foreign_keys=[author_id])

    __mapper_args__ = {"version_id_col": version}


class CommentRevision(db.Model):
    """An earlier version of a comment, replaced at `edited_at` by `editor`."""

    __tablename__ = "training_comment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("training_comments.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime]
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    editor: Mapped[User | None] = relationship()


class Answer(db.Model):
    """A trainer's public answer: the status change it made and its text (the timeline)."""

    __tablename__ = "training_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("training_proposals.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()


class Note(db.Model):
    """A private note on a proposal: trainers and administrators only, on every route."""

    __tablename__ = "training_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("training_proposals.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()
