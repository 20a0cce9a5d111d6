"""Fixtures of the core tests."""

import pytest


@pytest.fixture
def uploads(app, tmp_path, monkeypatch):
    """An empty UPLOAD_FOLDER of this test's own."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder
