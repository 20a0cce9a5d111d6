"""Database building blocks: the declarative base, UTC timestamps, SQLite pragmas.

Every model derives from `Base` (through `db.Model`). Times are stored in UTC
and always come back timezone-aware, on SQLite as on PostgreSQL.
"""

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.orm import relationship as sa_relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC that is always read back timezone-aware.

    Raises ValueError when given a naive datetime: the caller must say which zone it means.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware datetime in UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (for Alembic batch mode)."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


def relationship(*args, **kwargs):
    """`sqlalchemy.orm.relationship` that raises instead of loading lazily (unless told
    otherwise): a page or service must load what it reads (`selectinload`, `joinedload`),
    so no template and no loop runs a query per row. Every model uses this one."""
    kwargs.setdefault("lazy", "raise_on_sql")
    return sa_relationship(*args, **kwargs)


class TimestampMixin:
    """A `created_at` column set by the database layer at insert time."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)


BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Run SQLite with WAL, enforced foreign keys and a busy timeout."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def install_pragmas(engine: Engine) -> None:
    """Set the SQLite pragmas on every new connection of the app's own `engine` (once)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
