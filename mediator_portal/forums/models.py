"""Message board tables: categories, topics, posts and what hangs off a post.

Counters and "last post" columns are denormalized so that the index and
category pages read one row per category/topic; the services keep them right.
`Post.number` is the 1-based position of a post in its topic (stable, never
reused), so a page of a topic is a range of numbers and "first unread" is
a comparison with `TopicRead.last_read_number`.
"""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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
from mediator_portal.storage import StoredFile

TITLE_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 500
KEY_MAX = 64

# Reaction kinds and the emoji shown for each, in display order.
REACTIONS: dict[str, str] = {"like": "👍", "heart": "❤️", "thanks": "🙏", "idea": "💡"}


def _split_roles(value: str) -> frozenset[str]:
    return frozenset(part for part in (value or "").split(",") if part)


class Category(db.Model):
    """A board section. Empty `visible_to` means everyone; empty `can_start_topics` means
    everyone who can see it. Both hold comma-separated role names."""

    __tablename__ = "forum_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_el: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    description_el: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    visible_to: Mapped[str] = mapped_column(String(100), default="")
    can_start_topics: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Denormalized for the index page.
    topic_count: Mapped[int] = mapped_column(Integer, default=0)
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    last_post_at: Mapped[datetime | None]
    last_topic_id: Mapped[int | None] = mapped_column(Integer)  # no FK: topics point here

    @property
    def visible_roles(self) -> frozenset[str]:
        return _split_roles(self.visible_to)

    @property
    def starter_roles(self) -> frozenset[str]:
        return _split_roles(self.can_start_topics)

    @property
    def name(self) -> str:
        """The Greek name (used in the audit log)."""
        return self.name_el

    def label(self, locale: str) -> str:
        """The name in `locale` ("el" or "en"), Greek when there is no English."""
        return self.name_en if locale == "en" and self.name_en else self.name_el

    def description(self, locale: str) -> str:
        """The description in `locale`, Greek when there is no English."""
        return (
            self.description_en if locale == "en" and self.description_en else self.description_el
        )


class Topic(db.Model):
    """A discussion: a title and its posts. `last_number` is the number of the newest post."""

    __tablename__ = "forum_topics"
    __table_args__ = (
        Index("ix_forum_topics_category_order", "category_id", "pinned", "last_post_at"),
        # Covers the unread count of every category list (no table row read per topic).
        Index("ix_forum_topics_category_unread", "category_id", "hidden", "last_number"),
        # The navigation's count of new topics reads, per category, only those started
        # since one joined.
        Index("ix_forum_topics_category_created", "category_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by ix_forum_topics_category_order (its first column).
    category_id: Mapped[int] = mapped_column(ForeignKey("forum_categories.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_post_id: Mapped[int | None] = mapped_column(Integer)  # no FK: posts point here
    last_poster_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    last_number: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_reason: Mapped[str | None] = mapped_column(String(REASON_MAX))

    # Who may read a topic depends on its category: always loaded with it (one join).
    category: Mapped[Category] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    last_poster: Mapped[User | None] = relationship(foreign_keys=[last_poster_id])


class Post(db.Model):
    """One message in a topic. `body` is the Markdown source, `body_html` its sanitized HTML."""

    __tablename__ = "forum_posts"
    __table_args__ = (
        UniqueConstraint("topic_id", "number"),
        UniqueConstraint("author_id", "idempotency_key", name="uq_forum_posts_author_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topics.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_reason: Mapped[str | None] = mapped_column(String(REASON_MAX))
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Raised by the ORM at every UPDATE of the row: what a rendered post is cached by, and
    # an UPDATE of a version someone else changed meanwhile fails (StaleDataError, a 409).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The random key of the form it was sent with: the same key posted again is this post.
    idempotency_key: Mapped[str | None] = mapped_column(String(KEY_MAX))

    # Who may read a post depends on its topic and category: always loaded with it.
    topic: Mapped[Topic] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User] = relationship(foreign_keys=[author_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


class PostRevision(db.Model):
    """An earlier version of a post, kept when it was edited at `edited_at` by `editor`."""

    __tablename__ = "forum_post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime]  # when this version was written
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was replaced
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    editor: Mapped[User | None] = relationship()


class Reaction(db.Model):
    """One person's reaction of one kind to one post."""

    __tablename__ = "forum_reactions"
    __table_args__ = (Index("ix_forum_reactions_user_id", "user_id", "post_id"),)

    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TopicRead(db.Model):
    """How far a person has read a topic (the highest post number seen)."""

    __tablename__ = "forum_topic_reads"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("forum_topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_number: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Report(db.Model):
    """A member's report of a post to the moderators."""

    __tablename__ = "forum_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(String(REASON_MAX))

    post: Mapped[Post] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class Draft(db.Model):
    """Text being written: a reply to `topic` or a new topic in `category` (exactly one)."""

    __tablename__ = "forum_drafts"
    __table_args__ = (
        UniqueConstraint("user_id", "topic_id", name="uq_forum_drafts_user_topic"),
        UniqueConstraint("user_id", "category_id", name="uq_forum_drafts_user_category"),
        CheckConstraint("(topic_id IS NULL) <> (category_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_topics.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_categories.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PostAttachment(db.Model):
    """A file (image or PDF, through the upload gate) shown under a post, at `position`.

    `post_id` is empty while the attachment is *pending*: uploaded from the composer by
    `uploader`, not yet sent with a post (services/attachments.py; the periodic job purges
    those older than a day).
    """

    __tablename__ = "forum_post_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True
    )
    stored_file_id: Mapped[int] = mapped_column(
        ForeignKey("stored_files.id", ondelete="CASCADE"), unique=True
    )
    uploader_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    stored_file: Mapped[StoredFile] = relationship()
    post: Mapped[Post | None] = relationship()
