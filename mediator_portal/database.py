"""Database building blocks: the declarative base, UTC timestamps, SQLite pragmas.

Every model derives from `Base` (through `db.Model`). Times are stored in UTC
and always come back timezone-aware, on SQLite as on PostgreSQL.
"""

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
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
SIDE_WRITE_ATTEMPTS = 3


def dialect_insert(session, model):
    """`INSERT INTO model` for the session's database, with its `on_conflict_do_nothing()` and
    `on_conflict_do_update()` (SQLite and PostgreSQL write them alike): one statement for a
    "one row per person and thing" write, safe when two requests race."""
    module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return module.insert(model)


def is_busy(error: OperationalError) -> bool:
    """True when `error` is SQLite's "database is locked" (another writer held the lock past
    the busy timeout), or PostgreSQL's lock or serialization failures: worth trying again."""
    text = str(getattr(error, "orig", error)).lower()
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return "database is locked" in text or code in {"40001", "40P01", "55P03"}


def write_on_the_side(session, work: Callable[[], object], *, what: str) -> bool:
    """Run `work()` (writes on `session`) and commit, for a write a reading request makes on
    the side (a read position, when a session was last used). A busy database is tried again
    a few times, then the write is given up with a warning: the page is answered anyway, as
    it is when what the write points to was deleted meanwhile (a broken foreign key).
    True when it was written. Call it after the page's own data is loaded.
    """
    for attempt in range(SIDE_WRITE_ATTEMPTS):
        try:
            work()
            session.commit()
            return True
        except IntegrityError as error:
            session.rollback()
            logging.getLogger(__name__).warning("gave up writing %s: %s", what, error.orig)
            return False
        except OperationalError as error:
            session.rollback()
            if not is_busy(error):
                raise
            time.sleep(0.02 * (attempt + 1))
    logging.getLogger(__name__).warning("gave up writing %s: the database stayed busy", what)
    return False


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
