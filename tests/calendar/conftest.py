"""Calendar test fixtures: the board's (`seed`, `member`)."""

from tests.forums.conftest import member, seed

__all__ = ["member", "seed"]
