"""The repository stands alone: no tracked file refers to a path outside it.

A fresh clone has nothing beside it, so a file that reads or points to the parent folder's
data, to a folder of the machine it was written on, or climbs above the repository with
`Path(__file__)` works only where it was written. The check reads every text file tracked
by git (`git ls-files`; binary files skipped) and looks for:

* the sibling `shared` folder reached with one `..` step, anywhere;
* relative paths (`..` steps) that leave the repository from the file's own folder;
* absolute paths of a particular machine (the work, root, home and temporary folders);
* `Path(__file__)` (or `os.path.dirname(__file__)`) climbing above the repository.

The patterns are spelled here so that they do not match this file's own text.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

UP = "../"
SIBLING_SHARED = re.compile(r"\.\./shared\b")
# `..` steps at the start of a path; not inside a URL or a longer path (`a/../b`).
RELATIVE = re.compile(r"(?<![\w./~-])((?:\.\./)+)")
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:work|root|home|tmp)/[^\s\"'`),]*")
PATH_CLIMB = re.compile(
    r"Path\(\s*__file__\s*\)(?:\s*\.\s*(?:resolve|absolute)\(\s*\))*"
    r"((?:\s*\.\s*parents\s*\[\s*\d+\s*\]|\s*\.\s*parent\b)+)"
)
DIRNAME_CLIMB = re.compile(
    r"((?:os\.path\.dirname\(\s*)+)(?:os\.path\.(?:abspath|realpath)\(\s*)?__file__"
)

# Files whose text is deliberately hostile input, not references: left out whole.
CORPORA = {
    "tests/data/blns.json": "the naughty-strings corpus holds traversal and shell strings",
}
# Exact strings allowed in one file, with why; each must still occur (no stale entries).
ALLOWED = {
    # Spelled in two parts so that this file does not hold the path itself.
    ("tests/core/test_config.py", "sqlite:////" + "tmp/x.db"): "a URL parsed, never opened",
}


def _climb(match: re.Match) -> int:
    """How many folders `Path(__file__)...` goes up from the file."""
    steps = 0
    for index in re.findall(r"parents\s*\[\s*(\d+)\s*\]|parent\b", match.group(1)):
        steps += int(index) + 1 if index else 1
    return steps


def findings(relpath: str, text: str) -> list[tuple[str, int, str, str]]:
    """Every reference in `text` (of the file at `relpath`) that leaves the repository.

    Returns (path, line number, reason, the line's text) tuples.
    """
    lines = text.split("\n")  # as the line numbers count them (not splitlines)
    depth = len(Path(relpath).parts) - 1  # folders between the root and the file
    found = []

    def add(match: re.Match, reason: str) -> None:
        line = text.count("\n", 0, match.start()) + 1
        found.append((relpath, line, reason, lines[line - 1].strip()))

    for match in SIBLING_SHARED.finditer(text):
        add(match, "the shared folder beside the repository")
    for match in RELATIVE.finditer(text):
        if match.group(1).count(UP) > depth and not SIBLING_SHARED.match(text, match.start()):
            add(match, f"relative path above the repository (from {depth} folder(s) deep)")
    for match in MACHINE_PATH.finditer(text):
        add(match, "absolute path of this machine")
    for match in PATH_CLIMB.finditer(text):
        if _climb(match) > depth + 1:
            add(match, f"Path(__file__) climbs {_climb(match)} folders from {depth} deep")
    for match in DIRNAME_CLIMB.finditer(text):
        steps = match.group(1).count("dirname")
        if steps > depth + 1:
            add(match, f"os.path.dirname(__file__) climbs {steps} folders from {depth} deep")
    return found


def _tracked_files() -> list[str]:
    """Files tracked by git in this repository; skips when there is no git checkout."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot list the tracked files (a tarball?)")
    top = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != ROOT:
        pytest.skip(f"{ROOT} is not a git checkout (a tarball?): no tracked files to check")
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    )
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_no_tracked_file_refers_outside_the_repository():
    offences, allowed_seen = [], set()
    for relpath in _tracked_files():
        path = ROOT / relpath
        if relpath in CORPORA or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        for found in findings(relpath, data.decode("utf-8", errors="replace")):
            key = next((k for k in ALLOWED if k[0] == relpath and k[1] in found[3]), None)
            if key:
                allowed_seen.add(key)
            else:
                offences.append("{}:{}: {}: {:.100}".format(*found))
    assert offences == [], "\n".join(offences)
    assert allowed_seen == set(ALLOWED), "allowed strings no longer found: remove them"
    assert all((ROOT / name).is_file() for name in CORPORA)


@pytest.mark.parametrize(
    ("relpath", "text"),
    [
        ("README.md", "see " + UP + "shared/DESIGN.md"),
        ("tests/support.py", "DATA = '" + UP + "shared'"),
        ("docs/a.md", "[x](" + UP * 2 + "other/y.md)"),
        ("tests/core/x.py", "open('" + UP * 3 + "etc/hosts')"),
        ("bench/x.py", "python x.py --json " + "/tm" + "p/forum.json"),
        ("x.py", "ROOT = '" + "/wo" + "rk/main'"),
        ("tests/support.py", "Path(__file__).resolve().parents[" + "2] / 'shared'"),
        ("tests/x.py", "Path(__file__).parent.parent" + ".parent"),
        ("bench/x.py", "os.path.dirname(os.path.dirname(os.path.dirname(__file__)))"),
    ],
)
def test_references_outside_are_found(relpath, text):
    assert findings(relpath, text) != []


@pytest.mark.parametrize(
    ("relpath", "text"),
    [
        ("docs/a.md", "[readme](" + UP + "README.md) and [bench](" + UP + "bench/README.md)"),
        ("tests/core/x.py", "'" + UP + "etc' is refused as a language"),
        ("tests/core/x.py", "ROOT = Path(__file__).resolve().parents[2]"),
        ("mediator_portal/x.py", "ROOT = Path(__file__).resolve().parent.parent"),
        ("x.md", "https://example.org/a/" + UP + "b and /usr/bin/chromium and instance/tmp/x"),
        ("x.md", "https://example.org/" + "tmp/x"),
    ],
)
def test_references_inside_are_not_found(relpath, text):
    assert findings(relpath, text) == []
