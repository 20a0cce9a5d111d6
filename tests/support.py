"""Helpers shared by fixtures: skipping that turns into failing under CI."""

import json
import os
import random
import unicodedata
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


@cache
def naughty_sample(size: int = 60) -> tuple[str, ...]:
    """The naughty strings worth sending through a whole form one by one: every one with an
    invisible control character, every fourth one with markup, and a fixed random `size` of
    the others (about 125 in all).

    Sending all 515 through every form repeats what the per-field tests already show
    (lengths, blanks, scripts); the text gate itself is tested on all of them.
    """
    strings = naughty_strings()
    controls = [s for s in strings if any(unicodedata.category(c) == "Cc" for c in s)]
    markup = [s for s in strings if "<" in s and s not in controls]
    rest = [s for s in strings if s not in controls and s not in markup]
    return tuple(controls + markup[::4] + random.Random(20261122).sample(rest, size))
