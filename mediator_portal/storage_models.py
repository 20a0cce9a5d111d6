"""The stored-file table: one row per file accepted by the upload gate (`storage.py`).

The file itself lives under `UPLOAD_FOLDER/<key[:2]>/<key>`, outside `static/`, named by a
random key and never served directly: `storage.send_stored` answers it after the view has
checked who may read it. `original_name` is the cleaned name shown to people.
"""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.database import utcnow
from mediator_portal.extensions import db

KINDS = ("pdf", "office", "image", "audio", "video", "text")


class StoredFile(db.Model):
    """A file that passed the gate: what it is, how big, its SHA-256, who sent it."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    extension: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    extracted_text: Mapped[str | None] = mapped_column(Text)
    thumbnail_key: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.kind} {self.original_name!r}>"
