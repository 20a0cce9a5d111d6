"""Accent- and case-insensitive search keys."""

import pytest

from mediator_portal.search import fold, like_pattern, search_terms


def test_greek_street_name_folds_to_one_key():
    assert fold("ΟΔΟΣ Αθηνάς") == fold("οδος αθηνας") == fold("Οδός ΑΘΗΝΑΣ")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Αθήνα", "αθηνα"),
        ("ΆΓΙΟΣ", "αγιοσ"),
        ("Ϊ ϊ ΐ ΰ", "ι ι ι υ"),
        ("  Πολλά   κενά\tκαι\nγραμμές ", "πολλα κενα και γραμμεσ"),
        ("Straße", "strasse"),
        ("Ibrahim DIALLO", "ibrahim diallo"),
        ("Ménélik", "menelik"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, key):
    assert fold(text) == key


def test_fold_keeps_scripts_without_case():
    assert fold("فرید احمدی") == "فرید احمدی"
    assert fold("ትግርኛ") == "ትግርኛ"


def test_fold_is_idempotent():
    for text in ["ΟΔΟΣ Αθηνάς", "Straße", "ﷺ", "ǅemal"]:
        assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("Αθήνα", "%αθηνα%"),
        ("100%", "%100\\%%"),
        ("a_b", "%a\\_b%"),
        ("back\\slash", "%back\\\\slash%"),
        ("", "%%"),
    ],
)
def test_like_pattern_escapes_wildcards(query, pattern):
    assert like_pattern(query) == pattern


@pytest.mark.parametrize(
    "text",
    ["Μετανάστευση", "μεταναστευση", "ΜΕΤΑΝΑΣΤΕΥΣΗ", "μετανάστευσης", "Μετανα\u0301στευση"],
)
def test_search_terms_of_the_forms_of_a_greek_word_are_one(text):
    assert search_terms(text) == ["μεταναστευσ"]


def test_search_terms_split_on_punctuation_and_underscore_and_stem_english():
    assert search_terms("Mediators_of x² 2024, ΟΔΟΣ-Αθηνών!") == [
        "mediat", "of", "x2", "2024", "οδ", "αθην"
    ]  # fmt: skip
    assert search_terms("Mediators", stemmed=False) == ["mediators"]


def test_search_terms_leave_out_what_is_not_a_word():
    assert search_terms("") == search_terms(None) == search_terms("🙂 !!! ---") == []
    assert search_terms("a" * 65 + " b") == ["b"]
    assert search_terms("مرحبا 你好") == ["مرحبا", "你好"]
