"""The full-text index (mediator_portal/fulltext.py), on SQLite and on PostgreSQL."""

import pytest
from sqlalchemy import delete, func, select, text

from mediator_portal import fulltext
from mediator_portal.extensions import db
from tests.support import naughty_strings

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

KIND = "library_item"


def found(query: str, kind: str = KIND, **options) -> list[int]:
    """The object ids `query` finds, best first (ties by id)."""
    statement = fulltext.matching(kind, query, **options)
    if statement is None:
        return []
    hits = statement.subquery()
    return list(
        db.session.scalars(select(hits.c.object_id).order_by(hits.c.rank.desc(), hits.c.object_id))
    )


def index(object_id: int, title: str, body: str = "", kind: str = KIND, **options) -> None:
    fulltext.index_document(db.session, kind, object_id, title=title, body=body, **options)
    db.session.commit()


def test_greek_accents_case_and_final_sigma_never_matter(app_ctx):
    index(1, "Μετανάστευση και ένταξη", "Οδηγός για τις υπηρεσίες ΟΔΟΣ Αθηνάς")
    index(2, "Υγεία", "Κέντρα υγείας")
    for query in ["μεταναστευση", "ΜΕΤΑΝΑΣΤΕΥΣΗ", "Μετανάστευση", "μετανάστευσης", "οδος", "οδός"]:
        assert found(query, prefix=False) == [1], query
        assert found(query) == [1], query
    assert found("ΥΓΕΙΑΣ") == [2]


def test_english_words_and_their_forms(app_ctx):
    index(1, "Handbook for mediators", "How mediation works in hospitals")
    index(2, "Housing", "Applications for social housing")
    assert found("mediator") == [1]
    assert found("MEDIATION hospital") == [1]
    assert found("application") == [2]
    assert found("housing mediators") == []


def test_mixed_greek_and_english_in_one_query(app_ctx):
    index(1, "Οδηγός διερμηνείας", "Interpreting in Farsi and Arabic at the ΚΕΠ")
    index(2, "Οδηγός υγείας", "Health services in Arabic")
    assert set(found("οδηγός arabic")) == {1, 2}
    assert found("Οδηγοσ farsi") == [1]
    assert found("κεπ INTERPRETING") == [1]


def test_every_term_must_match(app_ctx):
    index(1, "Άσυλο", "Αιτήσεις ασύλου και συνέντευξη")
    index(2, "Άσυλο", "Αιτήσεις ασύλου")
    assert found("ασυλο συνεντευξη") == [1]
    assert found("ασυλο ανυπαρκτο") == []


def test_a_title_match_ranks_above_a_body_match(app_ctx):
    index(1, "Στέγαση", "Κείμενο για την υγεία")
    index(2, "Υγεία", "Κείμενο για τη στέγαση")
    index(3, "Άλλο θέμα", "Τίποτα σχετικό")
    assert found("υγεία") == [2, 1]
    assert found("στέγαση") == [1, 2]


def test_more_matches_rank_higher(app_ctx):
    filler = "κείμενο χωρίς σχέση " * 5
    index(1, "Α", f"{filler} εμβολιασμός {filler}")
    index(2, "Β", f"εμβολιασμός {filler} εμβολιασμοί {filler} εμβολιασμού")
    assert found("εμβολιασμός") == [2, 1]


def test_the_last_word_matches_as_a_prefix_for_suggestions(app_ctx):
    index(1, "Μετανάστευση", "")
    index(2, "Μεταφράσεις", "")
    index(3, "Interpreters", "")
    assert found("μεταν") == [1]
    assert found("μετα") == [1, 2]
    assert found("ΜΕΤΑΦ") == [2]
    assert found("interp") == [3]
    assert found("interp", prefix=False) == []
    assert found("μεταφ οδηγ") == []  # only the last word is a prefix
    index(4, "Οδηγός μεταφράσεων", "")
    assert found("μεταφράσεις οδηγ") == [4]


def test_a_completed_word_still_matches_its_stem(app_ctx):
    index(1, "Διερμηνέας", "")
    assert found("διερμηνεας") == [1]
    assert found("διερμηνέα") == [1]


def test_an_empty_query_gives_none(app_ctx):
    for query in ["", "   ", "!!! ???", "🙂", None]:
        assert fulltext.matching(KIND, query) is None


@pytest.mark.parametrize(
    "query",
    ['"', '""', '"υγεία', "υγεία*", "*", "NEAR(υγεία στέγαση)", "υγεία AND", "AND", "OR", "NOT",
     "-υγεία", "υγεία -στέγαση", "title:υγεία", "folded:υγεία", ":", "(", "υγεία)", "^υγεία",
     "'", "υγεία & !στέγαση | x", "a:*", "\\", "υγεία' OR '1'='1", "{folded}: x"],
)  # fmt: skip
def test_query_syntax_in_user_input_is_text(app_ctx, query):
    index(1, "Υγεία", "υγεία και στέγαση near title folded and or not a1")
    index(2, "Στέγαση", "μόνο στέγαση")
    result = found(query)  # never raises
    assert set(result) <= {1, 2}
    fulltext.passages(db.session, KIND, [1, 2], query)


def test_operator_words_are_searched_as_words(app_ctx):
    index(1, "Near and far", "")
    index(2, "Or not", "")
    assert found("near") == [1]
    assert found("AND") == [1]
    assert found("or NOT") == [2]


def test_naughty_strings_as_queries_never_raise(app_ctx):
    strings = naughty_strings()
    for number, naughty in enumerate(strings[:40], start=1):
        fulltext.index_document(db.session, KIND, number, title=naughty[:100], body=naughty)
    db.session.commit()
    for naughty in strings:
        statement = fulltext.matching(KIND, naughty)
        if statement is not None:
            db.session.execute(statement).all()
        fulltext.passages(db.session, KIND, [1, 2, 3], naughty)
    assert found("undefined", prefix=False) == [strings.index("undefined") + 1]


def test_updating_a_document_replaces_its_old_text(app_ctx):
    index(1, "Παλιός τίτλος", "παλιό κείμενο")
    index(1, "Νέος τίτλος", "καινούργιο κείμενο")
    assert found("παλιό") == []
    assert found("καινούργιο") == [1]
    assert db.session.scalar(select(func.count()).select_from(fulltext.SearchDocument)) == 1


def test_parts_of_one_object_are_found_as_that_object_once(app_ctx):
    index(1, "Εγχειρίδιο", "Περίληψη για την υγεία")
    index(1, "εγχειρίδιο.pdf", "Ολόκληρο το κείμενο για την υγεία", part="file:7")
    index(2, "Άλλο", "υγεία", kind="forum_post")
    assert found("υγεία") == [1]
    assert found("ολόκληρο") == [1]
    assert found("υγεία", kind="forum_post") == [2]


def test_remove_a_part_or_the_whole_object(app_ctx):
    index(1, "Εγχειρίδιο", "Περίληψη")
    index(1, "αρχείο", "Ολόκληρο κείμενο", part="file:7")
    index(2, "Εγχειρίδιο", "")
    fulltext.remove_documents(db.session, KIND, 1, part="file:7")
    db.session.commit()
    assert found("ολόκληρο") == []
    assert set(found("εγχειρίδιο")) == {1, 2}
    fulltext.remove_documents(db.session, KIND, 1)
    db.session.commit()
    assert found("εγχειρίδιο") == [2]
    assert found("περίληψη") == []


def test_the_caller_joins_its_own_filter(app_ctx):
    for number in range(1, 6):
        index(number, f"Οδηγός {number}", "υγεία")
    hits = fulltext.matching(KIND, "υγεία").subquery()
    rows = db.session.execute(
        select(hits.c.object_id)
        .where(hits.c.object_id.in_([2, 4]))  # what this viewer may read
        .order_by(hits.c.rank.desc(), hits.c.object_id)
    ).scalars()
    assert list(rows) == [2, 4]


def test_a_long_body_is_cut_and_bad_names_are_refused(app_ctx):
    index(1, "Μεγάλο", "λέξη " * (fulltext.MAX_BODY_CHARS // 4))
    body = db.session.scalar(select(fulltext.SearchDocument.body))
    assert len(body) == fulltext.MAX_BODY_CHARS
    with pytest.raises(ValueError):
        fulltext.index_document(db.session, "x" * 21, 1, title="t")
    with pytest.raises(ValueError):
        fulltext.index_document(db.session, KIND, 1, title="t", part="")


def test_passage_marks_the_accented_word_as_written(app_ctx):
    index(1, "Οδηγός", "Πληροφορίες για τη ΜΕΤΑΝΆΣΤΕΥΣΗ & την <ένταξη> στην Ελλάδα.")
    passages = fulltext.passages(db.session, KIND, [1], "μεταναστευσης")
    assert "<mark>ΜΕΤΑΝΆΣΤΕΥΣΗ</mark>" in passages[1]
    assert "&lt;ένταξη&gt;" in passages[1]
    assert "<ένταξη>" not in passages[1]


def test_passage_is_the_window_with_the_most_terms(app_ctx):
    filler = " ".join(["λόγια"] * 200)
    body = f"Στέγαση πρώτα. {filler} Η στέγαση προσφύγων εδώ. {filler} Πρόσφυγες τέλος."
    index(1, "Οδηγός", body)
    passage = fulltext.passages(db.session, KIND, [1], "στεγαση προσφυγες", width=80)[1]
    assert "<mark>στέγαση</mark> <mark>προσφύγων</mark>" in passage
    assert passage.startswith("…") and passage.endswith("…")
    assert len(passage.striptags()) <= 100


def test_passage_of_the_prefix_and_of_decomposed_accents(app_ctx):
    index(1, "Τίτλος", "Το κέντρο Διερμηνε\u0301ων της πόλης")
    index(2, "Τίτλος", "Κείμενο χωρίς το ζητούμενο")
    passages = fulltext.passages(db.session, KIND, [1, 2, 3], "κεντρο διερμ")
    assert "<mark>κέντρο</mark>" in passages[1]
    assert "<mark>Διερμηνέων</mark>" in passages[1]
    assert passages[2] == "Κείμενο χωρίς το ζητούμενο"  # no match: its opening
    assert 3 not in passages  # not indexed


def test_passage_deep_in_a_long_body_takes_a_second_statement(app_ctx, count_queries):
    filler = "λόγια χωρίς νόημα " * 2000  # 36,000 characters
    index(1, "Μακρύ", f"Αρχή για στέγαση. {filler} Στο τέλος η διερμηνεία.")
    index(2, "Μακρύ", f"Στέγαση και διερμηνεία στην αρχή. {filler}")
    with count_queries() as statements:
        passages = fulltext.passages(db.session, KIND, [1, 2], "διερμηνεία")
    assert len(statements) == 2
    assert "<mark>διερμηνεία</mark>" in passages[1]
    assert "<mark>διερμηνεία</mark>" in passages[2] and passages[2].endswith("…")
    with count_queries() as statements:
        fulltext.passages(db.session, KIND, [2], "στέγαση")
    assert len(statements) == 1


def test_a_query_over_a_thousand_documents_takes_a_fixed_number_of_statements(
    app_ctx, count_queries
):
    def statements_for(count: int) -> int:
        for number in range(1, count + 1):
            fulltext.index_document(
                db.session, KIND, number, title=f"Οδηγός {number}", body="υγεία και στέγαση"
            )
        db.session.commit()
        with count_queries() as statements:
            hits = fulltext.matching(KIND, "υγεία στέγ").subquery()
            rows = db.session.execute(  # the page and, on each row, the total
                select(hits.c.object_id, func.count().over())
                .order_by(hits.c.rank.desc(), hits.c.object_id)
                .limit(20)
            ).all()
            best, total = [row[0] for row in rows], rows[0][1]
            passages = fulltext.passages(db.session, KIND, best, "υγεία στέγ")
        assert total == count
        assert len(passages) == min(count, 20)
        return len(statements)

    few = statements_for(5)
    assert statements_for(1000) == few == 2


def test_the_sqlite_index_stays_in_step_with_its_table(app_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("FTS5 is SQLite's")
    for number in range(1, 6):
        index(number, f"Τίτλος {number}", "κείμενο")
    index(2, "Άλλος τίτλος", "άλλο κείμενο")
    fulltext.remove_documents(db.session, KIND, 3)
    db.session.execute(
        delete(fulltext.SearchDocument).where(fulltext.SearchDocument.object_id == 4)
    )
    db.session.commit()
    # FTS5 compares its index with the content table: raises when they differ.
    check = "INSERT INTO search_documents_fts(search_documents_fts, rank) VALUES (:check, 1)"
    db.session.execute(text(check), {"check": "integrity-check"})
    assert set(found("κείμενο")) == {1, 2, 5}
