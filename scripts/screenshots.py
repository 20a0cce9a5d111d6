"""Screenshots of the portal for anyone to look at the design without an account.

    .venv/bin/python scripts/screenshots.py [--out screenshots]
        [--page home|category|topic|reports]… [--lang el|en]… [--size 1280x800|390x844]…

(`make screenshots` runs it with every page, language and size.) Starts the app with the
development settings on a fresh SQLite database in a temporary folder (what `flask db
upgrade` and `flask demo-data` do, then `python wsgi.py` on a free port, in processes of
their own), signs in as the demo mediator and the demo administrator through the login
form, and writes one PNG per page, language and window size into `--out` (not tracked by
git): the start page, the category of the demo's long topic and that topic as the mediator,
the reports queue as the administrator. Runs offline: Chromium is the system's
(/usr/bin/chromium, or CHROMIUM_PATH) and every font, style sheet and script is served by
the app itself.
"""

import argparse
import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
MEDIATOR = "mediator01@example.org"
ADMIN = "admin@example.org"
PASSWORD = "mediator-demo"  # noqa: S105 - the documented demo password
LONG_TOPIC = "Πρώτη επαφή με οικογένειες που μόλις έφτασαν"
# name -> (who looks, the path: filled with the long topic's ids)
PAGES = {
    "home": (MEDIATOR, "/"),
    "category": (MEDIATOR, "/forums/c/{category}"),
    "topic": (MEDIATOR, "/forums/t/{topic}"),
    "reports": (ADMIN, "/forums/reports"),
}
LANGS = ("el", "en")
SIZES = ("1280x800", "390x844")
START_TIMEOUT = 30
# Fonts are fetched when text needs them (unicode-range): wait until none is still loading.
SETTLED = """async () => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await document.fonts.ready;
  return [...document.fonts].filter((face) => face.status === "loaded").map((f) => f.family);
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(workdir: Path, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAIL_")}
    env.update(
        MEDIATOR_PORTAL_CONFIG="development",
        DATABASE_URL=f"sqlite:///{workdir / 'demo.db'}",
        MAIL_BACKEND="outbox",
        MAIL_OUTBOX=str(workdir / "outbox"),
        UPLOAD_FOLDER=str(workdir / "uploads"),
        HOST="127.0.0.1",
        PORT=str(port),
    )
    return env


# `flask db upgrade` then `flask demo-data`, in one process (the app is imported once).
PREPARE = """
import flask_migrate
from wsgi import app
with app.app_context():
    flask_migrate.upgrade(directory="migrations")
result = app.test_cli_runner().invoke(args=["demo-data"])
print(result.output)
raise SystemExit(result.exit_code)
"""


def _prepare(env: dict[str, str]) -> None:
    """Migrate the empty database of `env` and load the demo data."""
    command = [sys.executable, "-c", PREPARE]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(
            f"migrating and loading the demo data failed:\n{done.stdout}{done.stderr}"
        )


def _ids(workdir: Path) -> dict[str, int]:
    """The ids of the demo's long topic and its category (read from the database file)."""
    with contextlib.closing(sqlite3.connect(workdir / "demo.db")) as connection:
        row = connection.execute(
            "SELECT id, category_id FROM forum_topics WHERE title LIKE ?", (f"{LONG_TOPIC}%",)
        ).fetchone()
    if row is None:
        raise RuntimeError("the demo data has no long topic")
    return {"topic": row[0], "category": row[1]}


@contextlib.contextmanager
def demo_server(workdir: Path):
    """Yield the base URL of the app serving the demo data; stop it on the way out."""
    port = _free_port()
    env = _environment(workdir, port)
    _prepare(env)
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "wsgi.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the app did not start: see {workdir / 'server.log'}"
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _signed_in_state(browser, url: str, email: str) -> dict:
    """The cookies of a session signed in as `email` through the login form."""
    context = browser.new_context(base_url=url)
    page = context.new_page()
    page.goto("/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda address: "/auth/login" not in address)
    state = context.storage_state()
    context.close()
    return state


def take(url: str, out: Path, pages, langs, sizes, ids: dict[str, int]) -> list[Path]:
    """Write the screenshots of `pages` × `langs` × `sizes` into `out`; returns their paths."""
    from playwright.sync_api import sync_playwright

    written = []
    executable = os.environ.get("CHROMIUM_PATH", CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        states = {}
        for name in pages:
            person, path = PAGES[name]
            if person not in states:
                states[person] = _signed_in_state(browser, url, person)
            for size in sizes:
                width, height = (int(n) for n in size.split("x"))
                phone = width < 600
                context = browser.new_context(
                    base_url=url,
                    storage_state=states[person],
                    viewport={"width": width, "height": height},
                    is_mobile=phone,
                    has_touch=phone,
                )
                page = context.new_page()
                for lang in langs:
                    response = page.goto(f"{path.format(**ids)}?lang={lang}")
                    if response is None or response.status != 200:
                        raise RuntimeError(f"{name} answered {response and response.status}")
                    page.evaluate(SETTLED)
                    target = out / f"{name}-{lang}-{size}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> list[Path]:
    """Parse `argv`, start the demo app, write the screenshots; returns their paths."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--page", action="append", choices=list(PAGES), dest="pages")
    parser.add_argument("--lang", action="append", choices=LANGS, dest="langs")
    parser.add_argument("--size", action="append", choices=SIZES, dest="sizes")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as folder:
        workdir = Path(folder)
        with demo_server(workdir) as url:
            written = take(
                url,
                args.out,
                args.pages or list(PAGES),
                args.langs or list(LANGS),
                args.sizes or list(SIZES),
                _ids(workdir),
            )
    for path in written:
        print(path)
    return written


if __name__ == "__main__":
    main()
