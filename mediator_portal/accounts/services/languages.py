"""The working languages a mediator may list on their profile (ISO 639 codes)."""

from flask_babel import lazy_gettext as _l

LANGUAGES = {
    "el": _l("Greek"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "fa": _l("Farsi"),
    "prs": _l("Dari"),
    "ps": _l("Pashto"),
    "ur": _l("Urdu"),
    "fr": _l("French"),
    "kmr": _l("Kurmanji"),
    "ckb": _l("Sorani"),
    "so": _l("Somali"),
    "ti": _l("Tigrinya"),
    "am": _l("Amharic"),
    "bn": _l("Bengali"),
    "pa": _l("Punjabi"),
    "tr": _l("Turkish"),
    "ru": _l("Russian"),
    "uk": _l("Ukrainian"),
    "sq": _l("Albanian"),
    "ln": _l("Lingala"),
}


def language_choices() -> list[tuple[str, str]]:
    """(code, translated name) pairs for a form field, in catalogue order."""
    return [(code, str(name)) for code, name in LANGUAGES.items()]


def language_name(code: str) -> str:
    """The translated name of `code`, or the code itself when unknown."""
    name = LANGUAGES.get(code)
    return str(name) if name is not None else code
