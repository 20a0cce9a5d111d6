"""What every template can use: date filters, the current locale, navigation."""

from datetime import datetime
from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from mediator_portal.permissions import Permission, role_label, user_can


def _datetime(value: datetime | None, style: str = "medium") -> str:
    return format_datetime(value, style) if value else ""


def _date(value: datetime | None, style: str = "medium") -> str:
    return format_date(value, style) if value else ""


def _context() -> dict:
    locale = str(get_locale() or "el")
    return {
        "current_locale": locale,
        "other_locale": "en" if locale == "el" else "el",
        "can": lambda permission: user_can(current_user, permission),
        "Permission": Permission,
        "role_label": role_label,
    }


def lang_url(lang: str) -> str:
    """The current URL with `lang` set, keeping the other query arguments."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def register_templating(app: Flask) -> None:
    """Install filters and the context processor."""
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["date"] = _date
    app.jinja_env.globals["lang_url"] = lang_url
    app.context_processor(_context)
