"""What the benchmarks share: a database of their own, the data loaded, a gunicorn server.

`own_database(url)` gives a fresh database (a SQLite file in a temporary folder, or a
database created on the PostgreSQL server of `url`) and drops it afterwards;
`copy_database` makes an identical copy, so that every configuration a benchmark compares
starts from the same data. `prepare_database` migrates and loads the benchmark data
in-process; `serve` starts gunicorn on it; `sign_in` goes through the login form.
"""

import contextlib
import http.client
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
ID = 987654321  # a placeholder id, replaced to build URLs without an app context


def parse_env(pairs: list[str]) -> dict[str, str]:
    """`["NAME=value", ...]` as a dict; raises ValueError on an item without "="."""
    env = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"expected NAME=VALUE, got {pair!r}")
        env[name] = value
    return env


def base_env(database_url: str) -> dict[str, str]:
    """The server's environment: production settings on `database_url`."""
    return {
        "MEDIATOR_PORTAL_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "NOTES_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": database_url,
        "LOGIN_LIMIT": "1000 per minute",
        "PUBLIC_URL": "http://127.0.0.1",
    }


def _admin_engine(url: str):
    driver = make_url(url).set(drivername="postgresql+psycopg")
    return create_engine(driver, isolation_level="AUTOCOMMIT")


@contextlib.contextmanager
def own_database(url: str | None, workdir: Path):
    """Yield the URL of a new, empty database; drop it (and its copies) on the way out.

    `url` None or SQLite: a file in `workdir`. PostgreSQL: a database created on that
    server (the URL's own database is only used to connect).
    """
    if not url or url.startswith("sqlite"):
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    name = f"portal_bench_{secrets.token_hex(4)}"
    engine = _admin_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            copies = connection.scalars(
                text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
                {"prefix": f"{name}%"},
            ).all()
            for copy in copies:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
        engine.dispose()


def copy_database(url: str, suffix: str) -> str:
    """A copy of the database at `url` (no connection may be open to it); returns its URL."""
    if url.startswith("sqlite"):
        source = make_url(url).database
        target = source.replace(".db", f"-{suffix}.db")
        with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
            old.backup(new)
        return f"sqlite:///{target}"
    parsed = make_url(url)
    name = f"{parsed.database}_{suffix}"
    engine = _admin_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def prepare_database(env: dict, dataset: str | None) -> dict:
    """Migrate the database of `env` and load the data; returns paths and ids (in-process).

    The app's connections are closed afterwards, so the database can be copied.
    """
    os.environ.update(env)
    # Imported only now: config.py reads the environment when it is first imported.
    import flask_migrate
    from flask import url_for
    from sqlalchemy import select

    from bench import dataset as datasets
    from bench.load import BENCH_PASSWORD, load
    from mediator_portal import create_app
    from mediator_portal.accounts.models import User
    from mediator_portal.extensions import db
    from mediator_portal.forums.models import Category, Topic

    app = create_app("production")
    settings = set(app.config)
    started = time.perf_counter()
    data = datasets.read(dataset) if dataset else datasets.generate()
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        info = load(data)
        rows = db.session.execute
        info["members"] = [tuple(r) for r in rows(select(User.id, User.email).order_by(User.id))]
        info["categories"] = [
            tuple(r) for r in rows(select(Category.id, Category.topic_count).order_by(Category.id))
        ]
        # Most recently active first: the mix reads recent topics more often.
        info["topic_rows"] = [
            tuple(r)
            for r in rows(select(Topic.id, Topic.last_number).order_by(Topic.last_post_at.desc()))
        ]
        db.session.remove()
        db.engine.dispose()
    with app.test_request_context():
        info["index_path"] = url_for("forums.index")
        info["home_path"] = url_for("home.index")
        info["topic_path"] = url_for("forums.topic", topic_id=info["big_topic_id"])
        info["topic_pattern"] = url_for("forums.topic", topic_id=ID).replace(str(ID), "{}")
        patterns = {
            "category_pattern": url_for("forums.category", category_id=ID),
            "reply_pattern": url_for("forums.reply", topic_id=ID),
            "unread_pattern": url_for("forums.topic_unread", topic_id=ID),
            "react_pattern": url_for("forums.react", post_id=ID),
        }
        info.update({key: path.replace(str(ID), "{}") for key, path in patterns.items()})
        info["login_path"] = url_for("accounts.login")
        info["logout_path"] = url_for("accounts.logout")
    info["password"] = BENCH_PASSWORD
    info["settings"] = settings
    print(
        f"loaded {info['topics']} topics, {info['posts']} posts "
        f"in {time.perf_counter() - started:.1f}s"
    )
    return info


DEFAULT_OFF = ["POST_CACHE_BYTES=0"]  # the caches the app has; name new ones with --off-env


def warn_unknown(off: dict, info: dict) -> None:
    """Say loudly which of the `--off-env` names the app has no setting for: a cache that
    was renamed or removed would otherwise make "off" the same as "on" without a word."""
    for name in off:
        if name not in info["settings"]:
            print(f"!!! --off-env {name}: the app has no such setting; it turns nothing off !!!")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(target: str, port: int, env: dict, workers: int, kind: str) -> subprocess.Popen:
    """Start gunicorn serving `target` on 127.0.0.1:`port`; returns once it accepts."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-k",
        kind,
        # gunicorn turns a "sync" worker with more than one thread into gthread.
        "--threads",
        "4" if kind == "gthread" else "1",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        target,
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"server {target} did not start")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by `serve` and wait for it (its workers finish their request)."""
    process.terminate()
    process.wait(timeout=60)


def cpu_seconds(process: subprocess.Popen) -> float | None:
    """CPU time (user + system, s) used so far by the worker processes of the gunicorn
    `process`, from Linux /proc; None elsewhere. Per request it is steadier than
    requests/s on a machine shared with other work (queueing does not count)."""
    total, seen = 0, False
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = path.read_text()
        except OSError:
            continue  # the process ended during the scan
        seen = True
        fields = stat.rsplit(")", 1)[1].split()  # after the command name, from field 3 on
        if int(fields[1]) == process.pid:  # field 4: the parent
            total += int(fields[11]) + int(fields[12])  # fields 14 and 15: utime, stime
    if not seen:
        return None
    return total / os.sysconf("SC_CLK_TCK")


def request(port, method, path, body=None, cookie=None):
    """One request on a new connection; returns (response, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response, response.read()


CSRF = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the login form; returns the Cookie header value."""
    response, html = request(port, "GET", "/auth/login")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = CSRF.search(html).group(1).decode()
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    response, _ = request(port, "POST", "/auth/login", form, cookie)
    if response.status != 302:
        raise SystemExit(f"sign-in failed with status {response.status}")
    return response.getheader("Set-Cookie").split(";")[0]


def workdir(prefix: str) -> Path:
    """A new temporary folder for a run's files."""
    return Path(tempfile.mkdtemp(prefix=prefix))
