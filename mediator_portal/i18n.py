"""Interface language: `?lang=el|en` remembered for this browser, then the account's, then Greek.

Templates translate with `_()`/`ngettext()` from here, not through Flask-Babel's own
callables and Jinja's wrappers around them: those walk the app, `g` and the domain and
dispatch three times on every call, and a page makes dozens of calls.
"""

from babel.support import NullTranslations
from flask import Flask, current_app, has_app_context, has_request_context, request, session
from flask_babel import force_locale, get_locale, get_translations
from flask_login import current_user
from jinja2.runtime import Context
from jinja2.utils import pass_context
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


_catalogues: dict[str, NullTranslations] = {}


def catalogue_for(code: str) -> NullTranslations:
    """The catalogue of locale `code` ("el", "en"), loaded once per process.

    Needs an app context (Flask-Babel finds the catalogues through the app).
    """
    catalogue = _catalogues.get(code)
    if catalogue is None:
        with force_locale(code):
            catalogue = get_translations()
        if has_app_context():
            _catalogues[code] = catalogue
    return catalogue


def _catalogue(code: str | None) -> NullTranslations:
    # A page's context carries its locale (`current_locale`, set by a context processor
    # when the render starts, so under `force_locale` too): no lookup through the request.
    # Macros imported without context, and partials rendered directly, do not have it.
    return catalogue_for(code) if code else translations()


_texts: dict[tuple[str, bool, str], str] = {}
MAX_REMEMBERED = 4000  # templates hold a few hundred messages; this only bounds a mistake


@pass_context
def template_gettext(context: Context, string: str, **variables) -> str:
    """`_()` in templates, as Jinja's "newstyle" gettext: the translation is trusted markup
    and the arguments are escaped when the template autoescapes (not in plain-text e-mails).

    Called directly, not through Jinja's wrappers, which add two more dispatches per call;
    a page's messages without arguments are remembered per locale, ready to print.
    """
    code = context.get("current_locale")
    autoescape = context.eval_ctx.autoescape
    if code and not variables:
        text = _texts.get((code, autoescape, string))
        if text is not None:
            return text
    text = _catalogue(code).ugettext(string)
    if autoescape:
        text = Markup(text)  # noqa: S704 - our own catalogue, as Jinja's newstyle gettext
    if variables or "%" in text:
        return text % variables
    if code and len(_texts) < MAX_REMEMBERED and has_app_context():
        _texts[(code, autoescape, string)] = text
    return text


@pass_context
def template_ngettext(context: Context, singular: str, plural: str, num: int, **variables):
    """`ngettext()` in templates, with `num` available to the message as `%(num)s`."""
    text = _catalogue(context.get("current_locale")).ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - our own catalogue, as Jinja's newstyle gettext
    variables.setdefault("num", num)
    return text % variables


def register_i18n(app: Flask) -> None:
    """Install the `?lang=` hook and the template translation callables."""
    app.before_request(remember_requested_language)
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext
    )
