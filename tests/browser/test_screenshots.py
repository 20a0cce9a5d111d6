"""`make screenshots` (scripts/screenshots.py): its main function starts the demo app on a
temporary database and writes a PNG of the asked page at the asked window size."""

import importlib.util
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.browser.fixtures import chromium_path
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of the PNG at `path` (its IHDR chunk); fails on anything else."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_script_writes_a_png_of_the_page_at_the_phone_size(tmp_path, monkeypatch):
    path = chromium_path()
    if path is None:
        skip_or_fail("Chromium is not installed (apt-get install -y chromium)")
    monkeypatch.setenv("CHROMIUM_PATH", path)
    out = tmp_path / "shots"

    args = ["--out", str(out), "--page", "reports", "--lang", "en", "--size", "390x844"]
    # In a thread of its own: the session's browser fixture already runs Playwright's sync
    # API (an event loop) in this thread, and the script starts its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        written = pool.submit(_script().main, args).result(timeout=120)

    assert written == [out / "reports-en-390x844.png"]
    assert sorted(out.iterdir()) == written
    assert png_size(written[0]) == (390, 844)
    assert written[0].stat().st_size > 10_000  # a drawn page, not an empty image
