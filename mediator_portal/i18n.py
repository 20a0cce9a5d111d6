"""Interface language: `?lang=el|en` remembered for this browser, then the account's, then Greek."""

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

SESSION_KEY = "lang"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention's name, which pybabel reads
    """Mark `message` for translation where it is declared, to be translated where it is
    shown (gettext_noop): a navigation label is translated by the page that prints it,
    through the catalogue the page already holds."""
    return message


def supported() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def remember_requested_language() -> None:
    """`before_request`: a valid `?lang=` switches this browser's language."""
    lang = request.args.get("lang")
    if lang in supported():
        session[SESSION_KEY] = lang


def select_locale() -> str:
    """Flask-Babel locale selector: works outside requests too (commands, mail jobs)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = request.args.get("lang")
    if lang in supported():
        return lang
    lang = session.get(SESSION_KEY)
    if lang in supported():
        return lang
    if current_user and current_user.is_authenticated and current_user.locale in supported():
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def register_i18n(app: Flask) -> None:
    """Install the `?lang=` hook (templates translate with Flask-Babel's own `_()`)."""
    app.before_request(remember_requested_language)
