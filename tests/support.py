"""Helpers shared by fixtures: skipping that turns into failing under CI."""

import json
import os
from functools import cache
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    """Skip with `reason`, or fail under CI=true where every test must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must run, not skip)")
    pytest.skip(reason)


DATA = Path(__file__).resolve().parent / "data"


@cache
def naughty_strings() -> tuple[str, ...]:
    """The Big List of Naughty Strings from tests/data/blns.json (515 strings)."""
    return tuple(json.loads((DATA / "blns.json").read_text(encoding="utf-8")))
