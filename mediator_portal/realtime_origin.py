"""Which pages may open a Socket.IO connection: only the app's own origin.

A browser sends the member's cookie with a WebSocket handshake to any site that asks
(SameSite=Lax stops another site, not a sibling subdomain), so the handshake's `Origin`
must be the app's own: `PUBLIC_URL`'s scheme and host when it is set (production requires
it), else the request's own scheme and host (development, tests; behind `TRUSTED_PROXIES`
these are the client's, ProxyFix being outermost). engineio applies the check to every
request carrying an `Origin` (`cors_allowed_origins` as a callable) and answers others 400.

A handshake without `Origin` is let through: browsers always send it on a WebSocket
handshake and on cross-origin requests, so only a non-browser client omits it, and such
a client needs the cookie itself, which is the session already.
"""

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask

logger = logging.getLogger(__name__)


def origin_of(url: str) -> str:
    """`url`'s origin, "scheme://host[:port]", lower-cased ("" when it has none)."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def request_origin(environ: dict) -> str:
    """The origin the request was addressed to (its scheme and Host header)."""
    host = environ.get("HTTP_HOST") or ""
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}".lower() if host else ""


def origin_check(app: Flask) -> Callable[[str, dict], bool]:
    """engineio's `cors_allowed_origins` callable for `app` (reads its config on each call)."""

    def allowed(origin: str | None, environ: dict) -> bool:
        if origin is None:  # engineio asks too when it builds CORS headers: none needed
            return False
        own = origin_of(app.config.get("PUBLIC_URL") or "") or request_origin(environ)
        if own and origin.lower() == own:
            return True
        logger.warning("Socket.IO handshake refused: Origin %r is not %r", origin, own)
        return False

    return allowed


def quiet_refusals(eio_server) -> None:
    """A refused origin is an expected event, logged above as a warning: mark engineio's
    own message as already shown, so it logs it at INFO instead of ERROR."""
    eio_server.log_message_keys.add("bad-origin")
