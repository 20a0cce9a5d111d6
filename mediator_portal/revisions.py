"""Table revisions: a random token per table, replaced in the same transaction as any write to it.

What a page shows is a function of the rows it read; as long as none of its tables has a
new token, a copy of the page made earlier is still right (`page_cache.py` relies on it).

* Every INSERT, UPDATE or DELETE the app sends through SQLAlchemy, ORM or Core (and raw
  SQL that starts with one, or with TRUNCATE), is noted per connection (`_note_write`);
  a delete also notes the tables that the database changes by itself through ON DELETE
  CASCADE / SET NULL foreign keys.
* When a Session commits, it first flushes, then gives every table it wrote a new token
  (`_give_new_tokens`), inside the same transaction: a reader sees the new rows and the
  new token together, or neither. A rollback forgets the notes.
* Tokens are random, not counters, so a database emptied and filled again (as the tests
  do) never repeats a token a process may still remember.

Writes outside a Session (a bare `engine.begin()`) change no token; the app makes none.
"""

import re
import secrets
from functools import lru_cache

from flask import g, has_request_context
from sqlalchemy import String, bindparam, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.pool import Pool

from mediator_portal.extensions import db

WRITTEN = "revisions.written"  # key in Connection.info: names of the tables written
CONNECTION = "revisions.connection"  # key in Session.info: the transaction's connection
WRITES = "revisions_writes"  # attribute of `g`: commits that gave new tokens in this request


class TableRevision(db.Model):
    """The current token of one table, new at every committed write to it."""

    __tablename__ = "table_revisions"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


TABLE = TableRevision.__table__.name
# DML that SQLAlchemy did not compile (text() or driver SQL): the statement names the table.
_RAW_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?"
    r"|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)"
    r'\s+["`]?(\w+)',
    re.IGNORECASE,
)


def new_token() -> str:
    return secrets.token_hex(16)


def _written_tables(statement: str, context) -> tuple[str, bool] | None:
    """(table name, is a delete) written by one executed statement, or None for a read."""
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        table = getattr(context.compiled.statement, "table", None)
        name = getattr(table, "name", None)
        if name:
            return name, bool(context.isdelete)
    match = _RAW_WRITE.match(statement)
    if match:
        return match.group(1), statement.lstrip()[:6].upper() in ("DELETE", "TRUNCA")
    return None


@lru_cache(maxsize=256)
def cascades(name: str) -> frozenset[str]:
    """Tables whose rows the database changes itself when rows of `name` are deleted
    (ON DELETE CASCADE or SET NULL foreign keys, followed transitively)."""
    found: set[str] = set()
    todo = [name]
    while todo:
        target = todo.pop()
        for table in db.metadata.tables.values():
            if table.name in found:
                continue
            for key in table.foreign_keys:
                if key.column.table.name == target and key.ondelete:
                    found.add(table.name)
                    todo.append(table.name)
                    break
    found.discard(name)
    return frozenset(found)


@event.listens_for(Engine, "after_cursor_execute")
def _note_write(conn: Connection, _cursor, statement, _parameters, context, _executemany) -> None:
    written = _written_tables(statement, context)
    if written is None:
        return
    name, is_delete = written
    if name == TABLE:
        return
    tables = conn.info.setdefault(WRITTEN, set())
    tables.add(name)
    if is_delete:
        tables.update(cascades(name))


def _forget(conn: Connection, *_args) -> None:
    conn.info.pop(WRITTEN, None)


event.listen(Engine, "rollback", _forget)
event.listen(Engine, "commit", _forget)


@event.listens_for(Pool, "reset")
def _forget_on_return(_dbapi_connection, record, _reset_state) -> None:
    # A connection given back to the pool without commit or rollback is rolled back.
    record.info.pop(WRITTEN, None)


@event.listens_for(Session, "after_begin")
def _remember_connection(session: Session, _transaction, connection: Connection) -> None:
    session.info[CONNECTION] = connection


@event.listens_for(Session, "after_transaction_end")
def _forget_connection(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(CONNECTION, None)


@lru_cache(maxsize=4)
def _upsert(dialect: str):
    """INSERT … ON CONFLICT (name) DO UPDATE SET token = …, for `dialect`; built once."""
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(TableRevision).values(
        name=bindparam("name"), token=bindparam("token")
    )
    return statement.on_conflict_do_update(
        index_elements=[TableRevision.name], set_={"token": statement.excluded.token}
    )


@event.listens_for(Session, "before_commit")
def _give_new_tokens(session: Session) -> None:
    session.flush()  # what the commit would flush is written now, and noted
    connection = session.info.get(CONNECTION)
    if connection is None:
        return
    tables = connection.info.pop(WRITTEN, None)
    if not tables:
        return
    # In name order, so that two writers on PostgreSQL lock the rows in the same order.
    rows = [{"name": name, "token": new_token()} for name in sorted(tables)]
    connection.execute(_upsert(connection.dialect.name), rows)
    connection.info.pop(WRITTEN, None)
    if has_request_context():
        setattr(g, WRITES, getattr(g, WRITES, 0) + 1)


def writes_in_request() -> int:
    """How many commits of this request wrote data (a page rendered around one is not kept)."""
    return getattr(g, WRITES, 0)


def token_columns(tables) -> list:
    """Columns for a select: the current token of each of `tables` (models or Table objects),
    NULL for a table that has no token yet."""
    return [
        select(TableRevision.token)
        .where(TableRevision.name == name)
        .scalar_subquery()
        .label(f"token_{name}")
        for name in table_names(tables)
    ]


def table_names(tables) -> list[str]:
    """The names of `tables` (models or Table objects)."""
    return [getattr(table, "__table__", table).name for table in tables]


def seed(connection: Connection) -> None:
    """Give every table of the app a token (a fresh database, or one emptied by the tests)."""
    names = sorted(set(db.metadata.tables) - {TABLE})
    connection.execute(
        _upsert(connection.dialect.name), [{"name": n, "token": new_token()} for n in names]
    )
