"""Text encrypted at rest: the `EncryptedText` column type and its keys.

A column declared `EncryptedText()` holds a Fernet token (AES-128-CBC with an HMAC-SHA256,
from `cryptography`), never the text: whoever reads the database, a backup or a dump sees
tokens only. The keys come from `NOTES_KEYS` (comma-separated Fernet keys): the first
encrypts, all of them decrypt (`MultiFernet`), so a key is replaced by putting the new one
first, running `flask rotate-notes-key` (`key_rotation.py`), then removing the old one.

Production refuses to start without `NOTES_KEYS` (config.py). Development and the tests use
a key generated once into `NOTES_KEY_FILE` (in instance/, mode 0600) when `NOTES_KEYS` is
not set.

Use: `body: Mapped[str] = mapped_column(EncryptedText())` (a migration writes `sa.Text()`).
Tokens differ each time, so an encrypted column cannot be searched or compared in SQL; load
it deferred (`deferred=True`) where a page does not show it.

A token none of the keys opens (a wrong or lost key, a value that is no token) raises
`UnreadableText`, a PortalError answered with a clear page: never the token, never a guess.
"""

import logging
import os
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from config import parse_keys
from mediator_portal.errors import PortalError

log = logging.getLogger(__name__)
EXTENSION = "portal.notes_cipher"


class UnreadableText(PortalError):
    """Encrypted text that none of the configured keys opens."""

    status = 503
    message = _l(
        "This text is encrypted with a key the portal does not hold now, so it cannot be "
        "shown. Please tell an administrator: the encryption key was changed or lost."
    )


class MissingKey(RuntimeError):
    """No key to encrypt with (production without NOTES_KEYS)."""


def key_file(path: str | os.PathLike) -> bytes:
    """The key kept in the file `path`, created (mode 0600) with a new key when missing.
    Several processes starting at once agree on one key: each writes its own temporary
    file and links it into place, which only the first succeeds in doing, whole."""
    path = Path(path)
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".notes-key-")
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key + b"\n")
        os.link(temporary, path)
    except FileExistsError:
        return path.read_bytes().strip()
    finally:
        os.unlink(temporary)
    log.warning("generated an encryption key for development into %s", path)
    return key


def configured_keys(config) -> list[bytes]:
    """The keys of `config`: NOTES_KEYS, else (outside production) the key file's."""
    keys = parse_keys(config.get("NOTES_KEYS") or "")
    if keys:
        return keys
    if config.get("CONFIG_NAME") == "production" or not config.get("NOTES_KEY_FILE"):
        raise MissingKey("NOTES_KEYS must be set: encrypted text needs a key")
    return [key_file(config["NOTES_KEY_FILE"])]


def cipher() -> MultiFernet:
    """The current app's MultiFernet (built once per app from its settings)."""
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        keys = configured_keys(current_app.config)
        found = current_app.extensions[EXTENSION] = MultiFernet([Fernet(key) for key in keys])
    return found


def reset_cipher() -> None:
    """Forget the app's cipher, so that it is built again from the settings (tests, after
    changing NOTES_KEYS)."""
    current_app.extensions.pop(EXTENSION, None)


def encrypt(text: str) -> str:
    """The token of `text`, encrypted with the first key."""
    return cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text of `token`. Raises UnreadableText when no key opens it."""
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        log.error("an encrypted value could not be decrypted with the configured NOTES_KEYS")
        raise UnreadableText() from None


def rotate(token: str) -> str:
    """`token` encrypted again with the first key. Raises UnreadableText."""
    try:
        return cipher().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise UnreadableText() from None


class EncryptedText(TypeDecorator):
    """Text stored as a Fernet token; Python sees the text (None stays None)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, str):
            raise TypeError("EncryptedText holds text (str)")
        return encrypt(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)
