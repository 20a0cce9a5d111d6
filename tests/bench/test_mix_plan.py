"""The realistic mix's pure helpers: the draw of actions, the figures, the lost-write check."""

import math
import random

import pytest

from bench.mix_plan import (
    DEFAULT_READS,
    READS,
    Plan,
    Record,
    lost_writes,
    page_count,
    parse_weights,
    percentile,
    recency_weights,
    summarise,
)


def test_parse_weights_reads_the_default_and_leaves_unnamed_kinds_at_zero():
    assert set(parse_weights(DEFAULT_READS)) == set(READS)
    assert parse_weights("topic=3, home=1") == dict.fromkeys(READS, 0.0) | {"topic": 3, "home": 1}


@pytest.mark.parametrize("text", ["tropic=1", "topic", "topic=-1", "topic=0", ""])
def test_parse_weights_refuses_what_it_cannot_use(text):
    with pytest.raises(ValueError):
        parse_weights(text)


def test_plan_draws_actions_in_the_given_shares():
    plan = Plan(reply=2.5, reaction=2.5, sign_in=1, reads=parse_weights(DEFAULT_READS))
    rnd = random.Random(7)
    draws = [plan.action(rnd) for _ in range(100_000)]
    shares = {kind: draws.count(kind) / len(draws) * 100 for kind in set(draws)}
    assert shares["reply"] == pytest.approx(2.5, abs=0.3)
    assert shares["reaction"] == pytest.approx(2.5, abs=0.3)
    assert shares["sign-in"] == pytest.approx(1, abs=0.2)
    assert shares["read"] == pytest.approx(94, abs=0.5)
    assert plan.pause(rnd) == 0


def test_plan_refuses_shares_over_a_hundred_percent():
    with pytest.raises(ValueError):
        Plan(reply=60, reaction=50, sign_in=0, reads={"home": 1})


def test_reads_follow_the_weights():
    plan = Plan(reply=0, reaction=0, sign_in=0, reads=parse_weights("home=1"))
    assert {plan.read(random.Random(1)) for _ in range(50)} == {"home"}


def test_recent_topics_weigh_more_and_pages_round_up():
    assert recency_weights(3) == [1, 1 / 2, 1 / 3]
    assert [page_count(n, 20) for n in (0, 1, 20, 21, 500)] == [1, 1, 1, 2, 25]


def test_percentile_by_nearest_rank():
    values = list(range(100, 0, -1))
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile([4.0], 99) == 4.0
    assert math.isnan(percentile([], 50))


def test_summarise_counts_5xx_unexpected_statuses_and_missing_answers():
    records = [
        Record(1, "read", "topic", 200, 200, 10, "hit"),
        Record(2, "read", "topic", 500, 200, 30, ""),
        Record(3, "read", "unread", 404, 302, 20, ""),
        Record(4, "reply", "reply", 0, 302, 5, ""),
        Record(5, "reaction", "reaction", 200, 200, 8, "miss"),
    ]
    summary = summarise(records)
    assert summary["kinds"]["all"] | {"p50": 0, "p99": 0} == {
        "count": 5,
        "p50": 0,
        "p99": 0,
        "5xx": 1,
        "unexpected": 1,
        "no_answer": 1,
    }
    assert summary["kinds"]["read"]["count"] == 3
    assert summary["kinds"]["sign-in"]["count"] == 0
    assert set(summary["pages"]) == {"topic", "unread"}
    assert (summary["cache_hits"], summary["cache_misses"]) == (1, 1)


def test_lost_writes_finds_missing_duplicated_and_misplaced_replies():
    replies = [("a", 1, True), ("b", 1, True), ("c", 1, True), ("d", 2, True), ("e", 1, False)]
    stored = {"a": [1], "c": [1, 1], "d": [3], "e": [1]}
    result = lost_writes(replies, stored, [], set())
    assert (result["replies"], result["missing"], result["duplicated"]) == (4, 1, 1)
    assert (result["misplaced"], result["unacked_stored"], result["lost"]) == (1, 1, 3)


def test_lost_writes_compares_each_reaction_with_its_last_acknowledged_toggle():
    toggles = [
        (1, 10, "like", 1, True),
        (1, 10, "like", 2, False),  # last acknowledged: off, and the row is gone
        (1, 11, "like", 3, True),  # on, but no row: lost
        (2, 10, "idea", 1, True),
        (2, 10, "idea", 4, None),  # no answer last: uncertain, whatever is stored
        (2, 12, "heart", 5, True),  # on, and stored
    ]
    stored = {(2, 10, "idea"), (2, 12, "heart")}
    result = lost_writes([], {}, toggles, stored)
    assert (result["reactions"], result["uncertain"], result["wrong"]) == (3, 1, 1)
    assert result["lost"] == 1
