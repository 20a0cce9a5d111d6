"""Response headers that every page carries (CSP without inline script, no sniffing, no
framing, HSTS over HTTPS); the request-size rule (ordinary forms and JSON are held to
`MAX_FORM_BYTES`; only views marked `accepts_uploads` take up to `MAX_CONTENT_LENGTH`);
and which reverse proxies are believed about the client (`TRUSTED_PROXIES`)."""

from flask import Flask, Request, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        # 'self' covers ws:// and wss:// on the page's own host and port (CSP Level 3, as
        # Chromium applies it: tests/browser/test_csp.py), so no other host is reachable.
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def accepts_uploads(view):
    """Declare that `view` takes file uploads: its requests may be as large as
    `MAX_CONTENT_LENGTH` instead of `MAX_FORM_BYTES`."""
    view.accepts_uploads = True
    return view


class SizeLimitedRequest(Request):
    """A request whose body limit depends on the view it is routed to (`accepts_uploads`).

    A body over the limit is refused with 413 when it is first read (the CSRF check reads
    the form before any view runs), so a refused body never reaches a form or a page.
    """

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is not None:
            return self._max_content_length
        if not current_app:
            return super().max_content_length
        view = current_app.view_functions.get(self.endpoint) if self.endpoint else None
        uploads = getattr(view, "accepts_uploads", False)
        return current_app.config["MAX_CONTENT_LENGTH" if uploads else "MAX_FORM_BYTES"]

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


class TrustedProxies:
    """WSGI middleware: Werkzeug's ProxyFix for the `TRUSTED_PROXIES` reverse proxies in
    front of the app.

    With N proxies, the client's address, scheme, host and port are taken from the last N
    entries of the X-Forwarded-For/-Proto/-Host/-Port headers (the ones those proxies added),
    so the login limit, login sessions, the audit log and HSTS see the client. With 0 (the
    default) the headers are ignored: a client cannot choose its address. The count is
    read from the app's config on each request, so a test can change it.
    """

    def __init__(self, app: Flask):
        self.config = app.config
        self.inner = app.wsgi_app
        self._fixes: dict[int, ProxyFix] = {}

    def __call__(self, environ, start_response):
        hops = self.config["TRUSTED_PROXIES"]
        if not hops:
            return self.inner(environ, start_response)
        fix = self._fixes.get(hops)
        if fix is None:
            fix = ProxyFix(self.inner, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
            self._fixes[hops] = fix
        return fix(environ, start_response)


def trust_proxies(app: Flask) -> None:
    """Wrap `app.wsgi_app` in `TrustedProxies`; called last in the factory, so that
    Socket.IO's middleware, too, sees the client's address and host."""
    app.wsgi_app = TrustedProxies(app)


def set_security_headers(response: Response) -> Response:
    """`after_request`: add the security headers (and HSTS behind HTTPS)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if response.mimetype == "text/html":
        # Pages can hold private discussions: never keep them in shared caches.
        headers.setdefault("Cache-Control", "no-store")
    return response


def register_security(app: Flask) -> None:
    """Install the request-size rule and the header hook."""
    app.request_class = SizeLimitedRequest
    app.after_request(set_security_headers)
