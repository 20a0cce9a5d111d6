"""Kept HTML: the LRU's bounds, and the CSRF slot that keeps tokens out of kept pages."""

import sys

from mediator_portal.fragments import CSRF_SLOT, LRUCache, csrf_token, with_slot, with_token


def test_the_cache_keeps_the_most_recently_used_entries_only():
    cache = LRUCache(2)
    cache.put(("a",), "A")
    cache.put(("b",), "B")
    assert cache.get(("a",)) == "A"  # now the most recent
    cache.put(("c",), "C")
    assert len(cache) == 2
    assert cache.get(("b",)) is None
    assert cache.get(("a",)) == "A" and cache.get(("c",)) == "C"


def test_get_many_finds_what_get_finds_and_keeps_the_found_entries_fresh():
    cache = LRUCache(3)
    for key in ("a", "b", "c"):
        cache.put((key,), key.upper())
    assert cache.get_many([("a",), ("x",), ("c",)]) == ["A", None, "C"]
    cache.put(("d",), "D")  # evicts the least recently used: "b", not the two just read
    assert [cache.get((key,)) for key in "abcd"] == ["A", None, "C", "D"]


def test_the_cache_keeps_within_its_memory_bound():
    page = "x" * 10_000
    cache = LRUCache(100, max_bytes=3 * sys.getsizeof(page))
    for key in "abcd":
        cache.put((key,), page)
    assert len(cache) == 3 and cache.get(("a",)) is None
    assert cache.bytes == 3 * sys.getsizeof(page)
    cache.put(("big",), "y" * 40_000)  # bigger than the whole bound: not kept
    assert cache.get(("big",)) is None and len(cache) == 3
    cache.put(("b",), "small")  # replacing an entry counts its new size only
    assert cache.bytes == 2 * sys.getsizeof(page) + sys.getsizeof("small")


def test_a_kept_page_carries_the_slot_and_is_served_with_the_current_token(app):
    with app.test_request_context():
        token = csrf_token()
        page = f'<input name="csrf_token" value="{token}"><form><input value="{token}"></form>'
        kept = with_slot(page)
        assert token not in kept and kept.count(CSRF_SLOT) == 2
        assert with_token(kept) == page
    with app.test_request_context():  # another session: another token
        served = with_token(kept)
        assert token not in served and served.count(csrf_token()) == 2
