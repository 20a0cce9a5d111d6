"""`flask demo-data` fills the library: its sections, links and generated files (stored
through the file gate); run again, it adds nothing."""

import pytest
from sqlalchemy import func, select

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.library import demo
from mediator_portal.library.models import LibraryItem, LibrarySection

pytestmark = pytest.mark.usefixtures("uploads")


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        count = db.session.scalar
        return (
            count(select(func.count(LibrarySection.id))),
            count(select(func.count(LibraryItem.id))),
            count(select(func.count(storage.StoredFile.id))),
        )


def test_the_demo_library_is_filled_once(app, logged_in, uploads):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    expected = (len(demo.SECTIONS), len(demo.LINKS) + len(demo.FILES), len(demo.FILES))
    assert _counts(app) == expected
    assert len([path for path in uploads.rglob("*") if path.is_file()]) == len(demo.FILES)
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    assert _counts(app) == expected
    page = logged_in("mediator", email="demo-reader@example.net").get("/library/")
    assert page.status_code == 200 and ">glossary<" in page.text
