"""The full-text index (mediator_portal/fulltext.py), on SQLite and on PostgreSQL."""

import pytest
from sqlalchemy import select

from mediator_portal import fulltext
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def found(kind: str, query: str, **options) -> list[int]:
    """The object ids `query` finds, best first."""
    statement = fulltext.matching(kind, query, **options)
    if statement is None:
        return []
    return [object_id for object_id, _rank in db.session.execute(statement)]


def index(object_id: int, title: str, body: str = "", kind: str = "library_item", **options):
    fulltext.index_document(db.session, kind, object_id, title=title, body=body, **options)
    db.session.commit()


def test_greek_accents_case_and_final_sigma_never_matter(app_ctx):
    index(1, "Μετανάστευση και ένταξη", "Οδηγός για τις υπηρεσίες ΟΔΟΣ Αθηνάς")
    index(2, "Υγεία", "Κέντρα υγείας")
    for query in ["μεταναστευση", "ΜΕΤΑΝΑΣΤΕΥΣΗ", "μετανάστευσης", "Μετανάστευση", "οδος", "οδός"]:
        assert found("library_item", query, prefix=False) == [1], query


def test_index_replaces_and_remove_removes(app_ctx):
    index(1, "Παλιός τίτλος", "παλιό κείμενο")
    index(1, "Νέος τίτλος", "καινούργιο κείμενο")
    assert found("library_item", "παλιό") == []
    assert found("library_item", "καινούργιο") == [1]
    fulltext.remove_documents(db.session, "library_item", 1)
    db.session.commit()
    assert found("library_item", "καινούργιο") == []
    assert db.session.scalar(select(fulltext.SearchDocument.id)) is None


def test_passage_marks_the_accented_word_as_written(app_ctx):
    index(1, "Οδηγός", "Πληροφορίες για τη μετανάστευση & την <ένταξη> στην Ελλάδα.")
    passages = fulltext.passages(db.session, "library_item", [1], "μεταναστευση")
    assert "<mark>μετανάστευση</mark>" in passages[1]
    assert "&lt;ένταξη&gt;" in passages[1]
