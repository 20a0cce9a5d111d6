"""The board's test helpers (`seed`, `member`) for the notification tests."""

from tests.forums.conftest import member, seed  # noqa: F401 - fixtures
