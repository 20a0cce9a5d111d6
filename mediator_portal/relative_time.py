"""Relative times ("3 minutes ago", "χθες 14:05"), server-rendered in a `<time>` element.

A moment is first put in a *bucket* (cheap arithmetic, no translation): ("now",),
("minutes", n), ("hours", n), ("yesterday", "14:05") or ("date", "2 Dec 2026, 14:05").
The words of a bucket are looked up once per locale and kept (`_words`), so a page of twenty
posts makes no translation call per post. The bucket is also what a cached fragment must
be keyed on (`forums/views/post_cache.py`): the HTML stays right as time passes.

`static/js/core/relative-time.js` keeps the texts fresh on an open page, with the same
rules and the words given in the page's data-* attributes.
"""

from datetime import datetime, timedelta
from functools import lru_cache

from babel import dates
from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup

from mediator_portal import database
from mediator_portal.timezones import ATHENS

ABSOLUTE_PATTERN = "d MMM y, HH:mm"


def now() -> datetime:
    """The current moment (UTC); the tests fix it."""
    return database.utcnow()


def bucket(moment: datetime, current: datetime, locale: str) -> tuple:
    """How `moment` is told at `current`: a hashable tuple (see the module's docstring)."""
    age = (current - moment).total_seconds()
    if age < 60:
        return ("now",)  # also a moment slightly in the future (clocks differ)
    if age < 3600:
        return ("minutes", int(age // 60))
    local, today = moment.astimezone(ATHENS), current.astimezone(ATHENS).date()
    if local.date() == today:
        return ("hours", int(age // 3600))
    if local.date() == today - timedelta(days=1):
        return ("yesterday", f"{local:%H:%M}")
    return ("date", absolute(moment, locale))


@lru_cache(maxsize=16384)
def absolute(moment: datetime, locale: str) -> str:
    """`moment` as the fixed Athens date and time ("2 Dec 2026, 14:05")."""
    local = moment.astimezone(ATHENS)
    return dates.format_datetime(local, ABSOLUTE_PATTERN, tzinfo=ATHENS, locale=locale)


@lru_cache(maxsize=4096)
def _words(key: tuple, locale: str, translations) -> str:
    # One catalogue look-up per (bucket, locale); `translations` is the catalogue itself.
    kind = key[0]
    if kind == "now":
        return translations.ugettext("just now")
    if kind == "minutes":
        text = translations.ungettext("%(num)d minute ago", "%(num)d minutes ago", key[1])
        return text % {"num": key[1]}
    if kind == "hours":
        text = translations.ungettext("%(num)d hour ago", "%(num)d hours ago", key[1])
        return text % {"num": key[1]}
    if kind == "yesterday":
        return translations.ugettext("yesterday %(time)s") % {"time": key[1]}
    return key[1]


def relative_text(moment: datetime, locale: str, current: datetime | None = None) -> str:
    """`moment` told relative to `current` (now) in `locale`."""
    key = bucket(moment, current or now(), locale)
    return _words(key, locale, get_translations())


def _locale(context) -> str:
    return context.get("current_locale") or "el"


@pass_context
def relative_filter(context, moment: datetime | None) -> str:
    """Jinja filter `relative`: the text only ("3 minutes ago")."""
    if not moment:
        return ""
    return relative_text(moment, _locale(context))


@pass_context
def relative_time(context, moment: datetime | None) -> Markup:
    """Jinja global: `<time datetime=ISO title=absolute data-relative>` with the relative
    text, and the absolute Athens time in a span shown on focus (and read by screen readers).
    """
    if not moment:
        return Markup("")
    locale = _locale(context)
    full = absolute(moment, locale)
    return Markup(
        '<time datetime="%s" title="%s" data-relative><span class="time-relative">%s</span>'
        '<span class="time-absolute"> (%s)</span></time>'
    ) % (moment.isoformat(), full, relative_text(moment, locale), full)


def relative_texts(translations) -> dict[str, str]:
    """The words relative-time.js needs, with `{n}` and `{time}` as placeholders."""

    def plural(singular: str, plural: str, number: int) -> str:
        return translations.ungettext(singular, plural, number).replace("%(num)d", "{n}")

    return {
        "now": translations.ugettext("just now"),
        "minute-one": plural("%(num)d minute ago", "%(num)d minutes ago", 1),
        "minute-other": plural("%(num)d minute ago", "%(num)d minutes ago", 5),
        "hour-one": plural("%(num)d hour ago", "%(num)d hours ago", 1),
        "hour-other": plural("%(num)d hour ago", "%(num)d hours ago", 5),
        "yesterday": translations.ugettext("yesterday %(time)s").replace("%(time)s", "{time}"),
    }


def texts_attributes() -> Markup:
    """The data-* attributes carrying `relative_texts` for the current locale."""
    texts = relative_texts(get_translations())
    return Markup("").join(
        Markup(' data-text-%s="%s"') % (name, text) for name, text in texts.items()
    )
