"""Real server processes started with scripts/serve.sh, as docs/deploy.md says, and the
people who use them: a browser-like HTTP session and a python-socketio client each.

The servers run the production configuration over plain HTTP on 127.0.0.1, so their
cookies are marked Secure; `Member` sends them anyway (a cookie policy for the tests),
and its sockets send the cookie and the public origin as a browser on PUBLIC_URL would.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import requests
import socketio
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
SERVE = ROOT / "scripts" / "serve.sh"
DEMO_PASSWORD = "mediator-demo"
TOKEN = re.compile(r'name="csrf[-_]token" (?:content|value)="([^"]+)"')
PUBLIC_URL = "http://portal.test"  # the reverse proxy's address in front of the processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, **settings: str) -> dict:
    """The environment serve.sh is started with: secrets and settings, nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIATOR_", "SECRET"))}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(32),
        NOTES_KEYS=Fernet.generate_key().decode(),
        PUBLIC_URL=PUBLIC_URL,
        DATABASE_URL=database_url,
        MAIL_BACKEND="outbox",
        **settings,
    )
    return env


def load_demo_data(env: dict) -> None:
    """`flask db upgrade` and `flask demo-data` on the servers' database (demo-data refuses
    the production configuration, so it runs as development)."""
    demo_env = {**env, "MEDIATOR_PORTAL_CONFIG": "development"}
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["demo-data", "--if-empty"]):
        subprocess.run(flask + command, cwd=ROOT, env=demo_env, check=True, capture_output=True)


class Server:
    """scripts/serve.sh on a free port; its output is kept in `log`."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = {**env, "PORT": str(self.port)}
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                ["bash", str(SERVE)],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve.sh exited {self.process.returncode}:\n{self.output()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"serve.sh did not answer on {self.url}:\n{self.output()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def errors(self) -> list[str]:
        """Lines of the server's log that report an error or a traceback."""
        return [
            line
            for line in self.output().splitlines()
            if "Traceback" in line or "[ERROR]" in line or line.startswith("ERROR")
        ]


class Browser(requests.Session):
    """A requests session that sends Secure cookies over the tests' plain HTTP (in front of
    real servers the proxy speaks HTTPS)."""

    def prepare_request(self, request):
        for cookie in self.cookies:
            cookie.secure = False
        return super().prepare_request(request)


def sign_in(http: requests.Session, server: Server, email: str, password: str):
    """Send the sign-in form of `server` through `http`; the response (302 when signed in)."""
    page = http.get(f"{server.url}/auth/login", timeout=10)
    token = TOKEN.search(page.text).group(1)
    return http.post(
        f"{server.url}/auth/login",
        data={"csrf_token": token, "email": email, "password": password},
        allow_redirects=False,
        timeout=10,
    )


class Member:
    """One person's browser: signed in through `server`, with its CSRF token."""

    def __init__(self, server: Server, email: str, password: str = DEMO_PASSWORD):
        self.email = email
        self.http = Browser()
        signed_in = self.sign_in(server, password)
        assert signed_in.status_code == 302, f"{email} could not sign in"

    def sign_in(self, server: Server, password: str) -> requests.Response:
        return sign_in(self.http, server, self.email, password)

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)

    def csrf(self, server: Server, path: str = "/") -> str:
        return TOKEN.search(self.http.get(f"{server.url}{path}", timeout=10).text).group(1)

    def post(self, server: Server, path: str, **form) -> requests.Response:
        form.setdefault("csrf_token", self.csrf(server))
        return self.http.post(f"{server.url}{path}", data=form, allow_redirects=False, timeout=10)

    def reply(self, server: Server, topic_id: int, body: str) -> requests.Response:
        return self.post(
            server, f"/forums/t/{topic_id}/reply", body=body, idempotency_key=secrets.token_hex(16)
        )


class Socket:
    """A python-socketio client of `member` on `server` (WebSocket), noting what it hears."""

    def __init__(self, server: Server, member: Member, origin: str = PUBLIC_URL):
        self.heard: list[tuple[str, dict]] = []
        self.ended = threading.Event()
        self.client = socketio.Client(
            reconnection=False, websocket_extra_options={"suppress_origin": True}
        )
        self.client.on("*", lambda event, data=None: self.heard.append((event, data)))
        self.client.on("disconnect", lambda *_reason: self.ended.set())
        self.client.connect(
            server.url,
            headers={"Cookie": member.cookie, "Origin": origin},
            transports=["websocket"],
            wait_timeout=10,
        )

    @property
    def connected(self) -> bool:
        return self.client.connected

    def call(self, event: str, data: dict) -> dict:
        return self.client.call(event, data, timeout=10)

    def heard_event(self, name: str, timeout: float = 10, **fields) -> bool:
        """True once an event `name` whose data holds `fields` has arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event, data in list(self.heard):
                if event == name and all((data or {}).get(k) == v for k, v in fields.items()):
                    return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


def database_query(url: str, sql: str, **params):
    """The first column of the first row of `sql` on the servers' database."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            return connection.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def readable_topic(url: str) -> int:
    """A topic every member may read (a category open to all, not hidden)."""
    return database_query(
        url,
        "SELECT t.id FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id"
        " WHERE c.visible_to = '' AND NOT c.archived AND NOT t.hidden AND NOT t.locked"
        " ORDER BY t.id LIMIT 1",
    )


def user_id(url: str, email: str) -> int:
    return database_query(url, "SELECT id FROM users WHERE email = :email", email=email)
