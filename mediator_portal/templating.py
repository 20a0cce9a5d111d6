"""What every template can use: date filters, the current locale, navigation."""

from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

from babel import dates, numbers
from flask import Flask, request
from flask_babel import get_locale, get_timezone, get_translations
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from markupsafe import Markup

from mediator_portal.features import nav_links
from mediator_portal.permissions import Permission, role_label, user_can
from mediator_portal.relative_time import relative_filter, relative_time, texts_attributes


@lru_cache(maxsize=16384)
def _format(kind: str, value: datetime, style: str, locale: str, zone: str) -> str:
    # Babel builds a formatter for every call; a page lists many fixed timestamps, and the
    # same ones on every view of it, so the strings are memoized.
    local = value.astimezone(dates.get_timezone(zone))
    if kind == "date":
        return dates.format_date(local, style, locale=locale)
    return dates.format_datetime(local, style, tzinfo=local.tzinfo, locale=locale)


# Day, month and year, then the 24-hour time without seconds: how Greeks write it, and clear
# in English too ("15 Jun 2025, 12:30").
DATETIME_PATTERN = "d MMM y, HH:mm"


def _where(context) -> tuple[str, str]:
    """(locale, time zone) of the page being rendered: set once per page by `_context`
    (looked up from Flask-Babel when a template is rendered without it)."""
    locale = context.get("current_locale") if context is not None else None
    if locale is None:
        return str(get_locale() or "el"), str(get_timezone())
    return locale, context["current_timezone"]


@pass_context
def _datetime(context, value: datetime | None, style: str = DATETIME_PATTERN) -> str:
    """`value` (aware, UTC) as date and time in Athens, in the page's locale."""
    if not value:
        return ""
    return _format("datetime", value, style, *_where(context))


@pass_context
def _date(context, value: datetime | None, style: str = "medium") -> str:
    """The Athens calendar date of `value`, in the page's locale."""
    if not value:
        return ""
    return _format("date", value, style, *_where(context))


@lru_cache(maxsize=4096)
def _format_number(value: int, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


@pass_context
def _number(context, value: int | None) -> str:
    """A whole number written the way the page's locale writes it ("20.000" in Greek)."""
    if value is None:
        return ""
    return _format_number(value, _where(context)[0])


def _translating(translations):
    """`gettext` and `ngettext` for one render, bound to the catalogue Flask-Babel chose for
    the request (its domain and locale): what Flask-Babel installs, minus looking the
    catalogue up again on every call of a page's twenty."""

    @pass_context
    def gettext(context, string: str, **variables) -> str:
        text = translations.ugettext(string)
        # The catalogue is trusted markup, as in Jinja's own i18n; the variables are escaped.
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # noqa: S704

    @pass_context
    def ngettext(context, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        text = translations.ungettext(singular, plural, num)
        # The catalogue is trusted markup, as in Jinja's own i18n; the variables are escaped.
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # noqa: S704

    return {"gettext": gettext, "ngettext": ngettext}


def _context() -> dict:
    locale = str(get_locale() or "el")
    translations = get_translations()
    return {
        **_translating(translations),
        "current_locale": locale,
        "current_timezone": str(get_timezone()),
        "other_locale": "en" if locale == "el" else "el",
        "can": lambda permission: user_can(current_user, permission),
        "nav_links": lambda: nav_links(current_user, translations.ugettext),
        "Permission": Permission,
        "role_label": lambda role: role_label(role, translations.ugettext),
    }


def csrf_field() -> Markup:
    """The hidden CSRF input of a form: the one way templates put the token in a form
    (scripts read it from the `csrf-token` meta tag of base.html)."""
    return Markup('<input type="hidden" name="csrf_token" value="%s">') % generate_csrf()


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
    app.jinja_env.filters["number"] = _number
    app.jinja_env.filters["relative"] = relative_filter
    app.jinja_env.globals["relative_time"] = relative_time
    app.jinja_env.globals["relative_time_texts"] = texts_attributes
    app.jinja_env.globals["lang_url"] = lang_url
    app.jinja_env.globals["csrf_field"] = csrf_field
    app.context_processor(_context)
