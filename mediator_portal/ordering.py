"""Lists people order by hand (board categories, library sections): one step up or down."""

from collections.abc import Sequence

DIRECTIONS = ("up", "down")


def move_one_step(ordered: Sequence, item, direction: str) -> bool:
    """Swap `item` with its neighbour above ("up") or below ("down") in `ordered` (rows with a
    `position`, in their order) and renumber them all from 1. False, changing nothing, for
    an unknown direction or when there is no neighbour that way."""
    rows = list(ordered)
    index = rows.index(item)
    other = index - 1 if direction == "up" else index + 1
    if direction not in DIRECTIONS or not 0 <= other < len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        row.position = position
    return True
