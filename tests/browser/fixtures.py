"""Browser fixtures: the real app with Socket.IO on a free port, driven by the system Chromium.

Chromium comes from Debian (`/usr/bin/chromium`, or CHROMIUM_PATH); Playwright never
downloads a browser. Without Chromium the browser tests skip, except under CI=true.
"""

import os
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.support import skip_or_fail

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


class LiveServer:
    """The app served by Werkzeug's threaded server (Socket.IO included) in a background thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(app):
    """Base URL of the running app."""
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    path = chromium_path()
    if path is None:
        skip_or_fail("Chromium is not installed (apt-get install -y chromium)")

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Factory: `new_page(locale="el", phone=False)` opens a page in a fresh browser context."""
    contexts = []

    def open_page(locale: str = "el-GR", phone: bool = False):
        options = {"base_url": live_server.url, "locale": locale}
        if phone:
            options.update(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh context with Greek browser settings."""
    return new_page()
