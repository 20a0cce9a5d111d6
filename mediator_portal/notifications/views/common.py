"""The notifications blueprint and what its views share."""

from urllib.parse import urlsplit

from flask import Blueprint, request

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def safe_next(value: str | None, fallback: str) -> str:
    """`value` when it is a path on this site (no scheme, no host), else `fallback`."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return fallback
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else fallback


def referrer_path(fallback: str) -> str:
    """The path of the page the form was sent from, when it is ours."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return fallback
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return safe_next(path, fallback)
