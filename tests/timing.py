"""A pytest plugin that prints the time spent per test folder at the end of the run."""

from collections import defaultdict

import pytest

_seconds: dict[str, float] = defaultdict(float)
_counts: dict[str, int] = defaultdict(int)


def _folder(nodeid: str) -> str:
    parts = nodeid.split("::", 1)[0].split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


@pytest.hookimpl
def pytest_runtest_logreport(report) -> None:
    folder = _folder(report.nodeid)
    _seconds[folder] += report.duration
    if report.when == "call" or (report.when == "setup" and report.skipped):
        _counts[folder] += 1


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter) -> None:
    if not _seconds:
        return
    write = terminalreporter.write_line
    terminalreporter.section("time per folder (setup + call + teardown)")
    for folder in sorted(_seconds):
        write(f"{folder:<24}{_counts[folder]:>6} tests {_seconds[folder]:>9.1f} s")
    write(f"{'total':<24}{sum(_counts.values()):>6} tests {sum(_seconds.values()):>9.1f} s")
