"""Library objects in one line, through the services (they flush, never commit)."""

import io
import itertools

from werkzeug.datastructures import FileStorage

from mediator_portal.extensions import db
from mediator_portal.library import services
from tests.factories import make_user

_numbers = itertools.count(1)


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def _trainer(actor):
    return actor or make_user("trainer")


def make_section(name_el: str | None = None, *, actor=None, name_en: str = ""):
    number = next(_numbers)
    return services.create_section(
        db.session,
        actor=_trainer(actor),
        name_el=name_el or f"Ενότητα {number}",
        name_en=name_en or f"Section {number}",
    )


def make_link(title: str | None = None, *, actor=None, **fields):
    fields.setdefault("url", "https://example.org/material")
    return services.create_link(
        db.session,
        actor=_trainer(actor),
        title=title or f"Σύνδεσμος {next(_numbers)}",
        **fields,
    )


def make_file_item(
    data: bytes = b"Hello library\n", name: str = "notes.txt", *, actor=None, **fields
):
    return services.create_file_item(
        db.session, upload(data, name), actor=_trainer(actor), **fields
    )
