"""A test client that behaves like a browser filling in our forms: it sends the CSRF token."""

import hashlib
import os
import re

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
