"""Fixtures of the library tests: a temporary upload folder, and people of each role."""

import pytest

from mediator_portal.extensions import db
from tests.factories import make_user


@pytest.fixture
def uploads(app, tmp_path, monkeypatch):
    """An empty UPLOAD_FOLDER of this test's own."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder


@pytest.fixture
def people(app_ctx):
    """A trainer, an admin, a mediator and a supervisor (committed, in the app context)."""
    made = {role: make_user(role) for role in ("trainer", "admin", "mediator", "supervisor")}
    db.session.commit()
    return made


def files_on_disk(folder) -> list:
    """The files under `folder` (stored files and thumbnails; the tmp folder too)."""
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
