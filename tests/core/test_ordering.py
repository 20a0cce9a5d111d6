"""One step up or down in a list people order by hand, renumbered from 1."""

from types import SimpleNamespace

import pytest

from mediator_portal.ordering import move_one_step


def rows(count: int = 3):
    return [SimpleNamespace(name=n, position=n * 10) for n in range(count)]


@pytest.mark.parametrize(
    ("index", "direction", "order"),
    [(1, "up", [1, 0, 2]), (1, "down", [0, 2, 1]), (0, "down", [1, 0, 2]), (2, "up", [0, 2, 1])],
)
def test_a_step_swaps_with_the_neighbour_and_renumbers(index, direction, order):
    ordered = rows()
    assert move_one_step(ordered, ordered[index], direction) is True
    assert [row.name for row in sorted(ordered, key=lambda row: row.position)] == order
    assert sorted(row.position for row in ordered) == [1, 2, 3]


@pytest.mark.parametrize(("index", "direction"), [(0, "up"), (2, "down"), (1, "sideways")])
def test_no_neighbour_or_no_direction_changes_nothing(index, direction):
    ordered = rows()
    assert move_one_step(ordered, ordered[index], direction) is False
    assert [row.position for row in ordered] == [0, 10, 20]
