"""A test client that behaves like a browser filling in our forms: it sends the CSRF token."""

import hashlib
import os
import re

import requests
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class PortalClient(FlaskClient):
    """FlaskClient that adds a valid `csrf_token` to posted forms unless told `csrf=False`."""

    user = None

    def csrf_token(self) -> str:
        """A token valid for this client's session, made the way Flask-WTF makes it."""
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324 - same as Flask-WTF
                session["csrf_token"] = raw
        serializer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return serializer.dumps(raw)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        data = kwargs.get("data")
        if csrf and method in UNSAFE and (data is None or isinstance(data, dict)):
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().open(*args, **kwargs)

    def login(self, email: str, password: str, **extra):
        """Sign in through the real login form; returns the response."""
        return self.post("/auth/login", data={"email": email, "password": password, **extra})

    def logout(self):
        return self.post("/auth/logout")


def form_value(html: str, name: str) -> str | None:
    """The value of the input called `name` in `html`, or None."""
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


META_TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def http_session(base: str, email: str, page: str = "/") -> tuple[requests.Session, str]:
    """A `requests` session signed in as `email` (the default test password) on the server
    at `base`, and the CSRF token of `page` (from its meta tag), for tests over real HTTP."""
    from tests.factories import DEFAULT_PASSWORD

    session = requests.Session()
    login = session.get(f"{base}/auth/login?lang=en")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    response = session.post(
        f"{base}/auth/login",
        data={"csrf_token": token, "email": email, "password": DEFAULT_PASSWORD},
        allow_redirects=False,
    )
    assert response.status_code == 302
    return session, META_TOKEN.search(session.get(f"{base}{page}").text).group(1)
