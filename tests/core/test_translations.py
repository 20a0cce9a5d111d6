"""The Greek catalogue is complete: every message in the code and templates is translated."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "mediator_portal" / "translations" / "el" / "LC_MESSAGES" / "messages.po"
METHODS = [
    ("mediator_portal/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("templates/**.txt", "jinja2"),
]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _wanted_directory(path: str) -> bool:
    # Babel skips folders starting with "_" by default; templates/_partials and _macros count.
    name = Path(path).name
    return not name.startswith(".") and name not in {"node_modules", "__pycache__"}


def _extracted() -> set[str]:
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map=METHODS, keywords=KEYWORDS, directory_filter=_wanted_directory
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def test_greek_catalogue_translates_every_message():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="el")
    missing, untranslated, fuzzy = [], [], []
    for message_id in sorted(_extracted()):
        entry = catalogue.get(message_id)
        if entry is None:
            missing.append(message_id)
        elif entry.fuzzy:
            fuzzy.append(message_id)
        elif not (entry.string if isinstance(entry.string, str) else all(entry.string)):
            untranslated.append(message_id)
    assert (missing, untranslated, fuzzy) == ([], [], [])


def test_greek_translations_keep_placeholders():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="el")
    problems = [
        (message.id, [str(error) for error in errors])
        for message, errors in catalogue.check()
        if errors
    ]
    assert problems == []
