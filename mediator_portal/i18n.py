"""Interface language: `?lang=el|en` remembered for this browser, then the account's, then Greek.

Templates translate with `_()`/`ngettext()` from here, not through Flask-Babel's own
callables and Jinja's wrappers around them: those walk the app, `g` and the domain and
dispatch three times on every call, and a page makes dozens of calls.
"""

from babel.support import NullTranslations
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2.nodes import EvalContext
from jinja2.utils import pass_eval_context
from markupsafe import Markup

SESSION_KEY = "lang"


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


def translations() -> NullTranslations:
    """The catalogue of the current locale, as `flask_babel.get_translations()` gives it.

    Remembered with the locale object it belongs to: a new request, or a block under
    `flask_babel.force_locale`, has a new locale object and so looks the catalogue up again.
    """
    global _memo
    locale = get_locale()
    memo = _memo
    if memo[0] is not locale or locale is None:
        memo = _memo = (locale, get_translations())
    return memo[1]


_memo: tuple = (None, None)


def gettext(string: str, **variables) -> str:
    """`flask_babel.gettext`, with the catalogue from `translations()`."""
    text = translations().ugettext(string)
    return text % variables if variables else text


@pass_eval_context
def template_gettext(eval_ctx: EvalContext, string: str, **variables) -> str:
    """`_()` in templates, as Jinja's "newstyle" gettext: the translation is trusted markup
    and the arguments are escaped when the template autoescapes (not in plain-text e-mails).

    Called directly, not through Jinja's wrappers, which add two more dispatches per call.
    """
    text = translations().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - our own catalogue, as Jinja's newstyle gettext
    return text % variables if variables or "%" in text else text


@pass_eval_context
def template_ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, **variables):
    """`ngettext()` in templates, with `num` available to the message as `%(num)s`."""
    text = translations().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - our own catalogue, as Jinja's newstyle gettext
    variables.setdefault("num", num)
    return text % variables


def register_i18n(app: Flask) -> None:
    """Install the `?lang=` hook and the template translation callables."""
    app.before_request(remember_requested_language)
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext
    )
