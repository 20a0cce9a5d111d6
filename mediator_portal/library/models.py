"""Library tables: sections, items (a file or a link), their versions, tags, and who opened
what.

An item of kind "file" has versions (`LibraryVersion`, each pointing to a `StoredFile` of the
core file gate); `current_version_id` is the one shown. Replacing a file adds a version and
keeps the earlier ones. Deleting is soft (`deleted_at`); files go only with an explicit purge.
`visible_to` and `languages` hold comma-separated role names and language codes (empty
`visible_to`: every member).
"""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.storage import StoredFile

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000
URL_MAX = 2000
NOTE_MAX = 500
NAME_MAX = 120
TAG_MAX = 60

FILE = "file"
LINK = "link"


def split_list(value: str | None) -> tuple[str, ...]:
    """The parts of a comma-separated column, in their stored order."""
    return tuple(part for part in (value or "").split(",") if part)


class LibrarySection(db.Model):
    """A shelf of the library (Legal framework, Health…), named in Greek and English."""

    __tablename__ = "library_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_el: Mapped[str] = mapped_column(String(NAME_MAX))
    name_en: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def name(self) -> str:
        """The Greek name (used in the audit log)."""
        return self.name_el

    def label(self, locale: str) -> str:
        """The name in `locale` ("el" or "en"), Greek when there is no English."""
        return self.name_en if locale == "en" and self.name_en else self.name_el


library_item_tags = Table(
    "library_item_tags",
    db.metadata,
    Column(
        "item_id",
        ForeignKey("library_items.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "tag_id",
        ForeignKey("library_tags.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class LibraryTag(db.Model):
    """A tag as first written (`name`) and its folded `key`, by which it is matched."""

    __tablename__ = "library_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TAG_MAX))
    key: Mapped[str] = mapped_column(String(TAG_MAX * 2), unique=True)


class LibraryItem(db.Model):
    """A file or a link, with its description, section, languages, tags and audience."""

    __tablename__ = "library_items"
    __table_args__ = (
        # The list: live items, newest first (and per section).
        Index("ix_library_items_live_created", "deleted_at", "created_at"),
        Index("ix_library_items_section", "section_id", "deleted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # FILE or LINK
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(URL_MAX))
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("library_sections.id", ondelete="SET NULL")
    )
    languages: Mapped[str] = mapped_column(String(200), default="")
    visible_to: Mapped[str] = mapped_column(String(100), default="")
    uploader_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    current_version_id: Mapped[int | None] = mapped_column(Integer)  # no FK: versions point here

    section: Mapped[LibrarySection | None] = relationship()
    uploader: Mapped[User | None] = relationship(foreign_keys=[uploader_id])
    tags: Mapped[list[LibraryTag]] = relationship(
        secondary=library_item_tags, order_by=LibraryTag.key
    )
    current_version: Mapped["LibraryVersion | None"] = relationship(
        primaryjoin="LibraryItem.current_version_id == LibraryVersion.id",
        foreign_keys=[current_version_id],
        viewonly=True,
    )

    @property
    def language_codes(self) -> tuple[str, ...]:
        return split_list(self.languages)

    @property
    def visible_roles(self) -> frozenset[str]:
        return frozenset(split_list(self.visible_to))

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def name(self) -> str:
        """The title (used in the audit log)."""
        return self.title


class LibraryVersion(db.Model):
    """One file of an item: its number (1, 2…), the stored file, who sent it, why."""

    __tablename__ = "library_versions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"))
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stored_file: Mapped[StoredFile] = relationship()
    uploader: Mapped[User | None] = relationship()


class LibraryView(db.Model):
    """That `user` opened `item`: when first and last ("seen by me"; a count for trainers)."""

    __tablename__ = "library_views"
    __table_args__ = (Index("ix_library_views_item", "item_id"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("library_items.id", ondelete="CASCADE"), primary_key=True
    )
    first_opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_opened_at: Mapped[datetime] = mapped_column(default=utcnow)


class LibraryVisit(db.Model):
    """A person's visits to the library: items added after `previous_visit_at` are "new"."""

    __tablename__ = "library_visits"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    last_visit_at: Mapped[datetime] = mapped_column(default=utcnow)
    previous_visit_at: Mapped[datetime | None]
