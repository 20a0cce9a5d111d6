"""Accounts: people, where they work, the languages they speak, their login sessions."""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.database import TimestampMixin, relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.permissions import Permission, Role, role_has


class Region(db.Model):
    """One of the regions (περιφέρειες) where the action runs."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    municipalities: Mapped[list["Municipality"]] = relationship(
        back_populates="region", order_by="Municipality.name"
    )

    def label(self, locale: str) -> str:
        """The name in `locale` ("el" or "en")."""
        return self.name_en if locale == "en" and self.name_en else self.name


class Municipality(db.Model):
    """A municipality (δήμος) with a Community Centre / Migrant Integration Centre."""

    __tablename__ = "municipalities"
    __table_args__ = (UniqueConstraint("region_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    region: Mapped[Region] = relationship(back_populates="municipalities")

    def label(self, locale: str) -> str:
        """The name in `locale` ("el" or "en")."""
        return self.name_en if locale == "en" and self.name_en else self.name


class User(TimestampMixin, db.Model):
    """An account. Invite-only: `password_hash` stays empty until the invitation is accepted."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True, default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.MEDIATOR.value)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="el")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    invited_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]

    municipality: Mapped[Municipality | None] = relationship()
    languages: Mapped[list["UserLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="UserLanguage.code"
    )

    # Set by the user loader: the login session this request belongs to (token and its hash).
    session_token: ClassVar[str | None] = None
    session_hash: ClassVar[str | None] = None

    # Flask-Login protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str | None:
        """The login-session token: revoking the session row signs this cookie out."""
        return self.session_token

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    def can(self, permission: Permission) -> bool:
        """True when this account's role holds `permission`."""
        return self.active and role_has(self.role, permission)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class UserLanguage(db.Model):
    """A language a person works in (ISO 639 code)."""

    __tablename__ = "user_languages"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class LoginSession(db.Model):
    """A signed-in browser. Revoking the row ends that session and its Socket.IO connections."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(255))
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
