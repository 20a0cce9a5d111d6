"""`flask rotate-notes-key`: encrypt every `EncryptedText` value again with the first key.

Replacing a key: put the new key first in NOTES_KEYS (the old one after it), restart, run
the command, then remove the old key. The command finds every mapped column of type
`EncryptedText` itself, reads each table in batches by primary key (the raw tokens, never
the text), writes each token again with the first key and commits each batch: stopped
half-way, it can be run again (every key still decrypts until the old one is removed). A
row's own `onupdate` columns (an `updated_at`) are left as they were.
"""

from dataclasses import dataclass

import click
from flask.cli import with_appcontext
from sqlalchemy import String, Table, bindparam, select, tuple_, type_coerce
from sqlalchemy.orm import Session, registry

from mediator_portal import crypto
from mediator_portal.extensions import db

BATCH = 500


@dataclass(frozen=True)
class Rotated:
    """What one table held: rows read, values encrypted again."""

    table: str
    rows: int
    values: int


def app_registries() -> tuple[registry, ...]:
    """The registries of mapped classes the command searches: the app's models."""
    return (db.Model.registry,)


def encrypted_columns(registries: tuple[registry, ...] | None = None) -> dict[Table, list[str]]:
    """{table: names of its EncryptedText columns} over the mapped classes of `registries`
    (default: `app_registries()`)."""
    found: dict[Table, list[str]] = {}
    for reg in registries or app_registries():
        for mapper in reg.mappers:
            for table in mapper.tables:
                names = [c.name for c in table.columns if isinstance(c.type, crypto.EncryptedText)]
                if names and isinstance(table, Table):
                    found.setdefault(table, [])
                    found[table] += [name for name in names if name not in found[table]]
    return found


def rotate_table(session: Session, table: Table, names: list[str], batch: int = BATCH) -> Rotated:
    """Encrypt the `names` columns of every row of `table` again with the first key,
    committing every `batch` rows. Raises UnreadableText (naming no text) when a value
    opens with none of the keys; the batches before it stay committed."""
    keys = list(table.primary_key.columns)
    raw = [type_coerce(table.c[name], String).label(name) for name in names]
    # SET updated_at = updated_at: Core would otherwise apply the column's onupdate.
    unchanged = {c.name: c for c in table.columns if c.onupdate is not None and c.name not in names}
    update = (
        table.update()
        .where(*(key == bindparam(f"key_{key.name}") for key in keys))
        .values(
            {name: type_coerce(bindparam(f"new_{name}"), String) for name in names}, **unchanged
        )
    )
    rows = values = 0
    last = None
    while True:
        query = select(*keys, *raw).order_by(*keys).limit(batch)
        if last is not None:
            query = query.where(tuple_(*keys) > tuple_(*last))
        found = session.execute(query).all()
        if not found:
            break
        params = []
        for row in found:
            mapping = row._mapping
            changed = {f"new_{name}": mapping[name] for name in names}
            for name in names:
                if mapping[name] is not None:
                    changed[f"new_{name}"] = crypto.rotate(mapping[name])
                    values += 1
            params.append({**changed, **{f"key_{key.name}": mapping[key.name] for key in keys}})
        session.execute(update, params)
        session.commit()
        rows += len(found)
        last = tuple(found[-1][: len(keys)])
    return Rotated(table.name, rows, values)


def rotate_all(
    session: Session, registries: tuple[registry, ...] | None = None, batch: int = BATCH
) -> list[Rotated]:
    """Rotate every EncryptedText column of `registries` (default: the app's models)."""
    return [
        rotate_table(session, table, names, batch)
        for table, names in sorted(encrypted_columns(registries).items(), key=lambda i: i[0].name)
    ]


@click.command("rotate-notes-key")
@click.option("--batch", default=BATCH, show_default=True, help="Rows per transaction.")
@with_appcontext
def rotate_notes_key_command(batch: int) -> None:
    """Encrypt every encrypted value again with the first key of NOTES_KEYS."""
    if batch < 1:
        raise click.BadParameter("must be 1 or more", param_hint="--batch")
    try:
        done = rotate_all(db.session, batch=batch)
    except crypto.UnreadableText:
        db.session.rollback()
        raise click.ClickException(
            "A value could not be decrypted with any key of NOTES_KEYS: keep the old key in "
            "NOTES_KEYS (after the new one) until the rotation has finished."
        ) from None
    for item in done:
        click.echo(f"{item.table}: {item.rows} rows, {item.values} values encrypted again")
    total = sum(item.rows for item in done)
    click.echo(f"Done: {total} rows in {len(done)} tables encrypted with the first key.")
