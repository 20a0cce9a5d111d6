"""Time zones: stored in UTC, shown and entered in Europe/Athens (DST-correct)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")


def to_local(moment: datetime) -> datetime:
    """`moment` (aware) in Athens time."""
    return moment.astimezone(ATHENS)


def local_to_utc(naive_local: datetime) -> datetime:
    """A wall-clock time typed in Athens, as an aware UTC datetime.

    In the autumn hour that happens twice, the first (summer-time) occurrence is meant;
    a time in the spring gap (03:00-03:59 on the last Sunday of March) is read with the
    winter offset, so 03:30 becomes 04:30 summer time.
    """
    if naive_local.tzinfo is not None:
        return naive_local.astimezone(UTC)
    return naive_local.replace(tzinfo=ATHENS, fold=0).astimezone(UTC)
