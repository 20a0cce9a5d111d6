"""Password hashing (Argon2id) and the password policy.

`password_problems` returns what is wrong with a new password (empty list: fine).
"""

from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

from mediator_portal.search import fold

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
# A well-formed hash of a random password, verified against when the e-mail is unknown so that
# a wrong e-mail and a wrong password take the same time.
_DUMMY_PASSWORD = "not-a-real-password-for-timing"  # noqa: S105


@lru_cache(maxsize=2)
def _hasher(fast: bool) -> PasswordHasher:
    if fast:  # the test suite: same algorithm, low cost
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def _current_hasher() -> PasswordHasher:
    return _hasher(bool(current_app.config.get("ARGON2_FAST")))


def hash_password(password: str) -> str:
    """Argon2id hash of `password`."""
    return _current_hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches `password_hash`; a missing hash never matches."""
    hasher = _current_hasher()
    if not password_hash:
        _dummy_verify(hasher, password)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _dummy_verify(hasher: PasswordHasher, password: str) -> None:
    with suppress(VerificationError, InvalidHashError):
        hasher.verify(_dummy_hash(bool(current_app.config.get("ARGON2_FAST"))), password)


@lru_cache(maxsize=2)
def _dummy_hash(fast: bool) -> str:
    return _hasher(fast).hash(_DUMMY_PASSWORD)


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _current_hasher().check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The folded list of passwords that are refused as too common."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


def password_problems(password: str, *, email: str = "", name: str = "") -> list[str]:
    """What makes `password` unacceptable, as translated sentences (empty when it is fine)."""
    problems = []
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        problems.append(_("Use at least %(n)d characters.", n=minimum))
    if len(password) > 1024:
        problems.append(_("Use at most 1024 characters."))
    folded = fold(password)
    personal = {fold(email), fold(email.split("@")[0]), fold(name)} - {""}
    if folded in common_passwords() or folded in personal or len(set(folded)) < 4:
        problems.append(_("This password is too common or too easy to guess."))
    return problems
