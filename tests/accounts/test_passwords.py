"""Password hashing (Argon2id) and the password policy."""

import pytest
from argon2 import PasswordHasher
from flask_babel import force_locale

from mediator_portal.accounts.services import passwords

GOOD = "olive trees by the sea"  # noqa: S105


def test_hash_is_argon2id_and_verifies(app_ctx):
    hashed = passwords.hash_password(GOOD)
    assert hashed.startswith("$argon2id$")
    assert GOOD not in hashed
    assert passwords.verify_password(hashed, GOOD)
    assert not passwords.verify_password(hashed, GOOD.upper())


def test_same_password_gives_different_hashes(app_ctx):
    assert passwords.hash_password(GOOD) != passwords.hash_password(GOOD)


@pytest.mark.parametrize("stored", [None, "", "plain-text", "$argon2id$broken", "$2b$12$abc"])
def test_missing_or_broken_hashes_never_match(app_ctx, stored):
    assert not passwords.verify_password(stored, GOOD)
    assert not passwords.verify_password(stored, "")


def test_weaker_hashes_need_rehash(app_ctx):
    weak = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(GOOD)
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password(GOOD))


def test_production_uses_the_library_defaults(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "ARGON2_FAST", False)
    default = PasswordHasher()
    hashed = passwords.hash_password(GOOD)
    assert f"m={default.memory_cost},t={default.time_cost}" in hashed


@pytest.mark.parametrize(
    "password",
    [GOOD, "Δύο πορτοκάλια στο τραπέζι", "x7#Lp-92qa!", "correct horse battery staple"],
)
def test_good_passwords_pass(app_ctx, password):
    assert passwords.password_problems(password, email="amina@example.org", name="Amina") == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short1", "at least 10"),
        ("password123", "too common"),
        ("Password123", "too common"),
        ("qwertyuiop", "too common"),
        ("1234567890", "too common"),
        ("ababababababab", "too common"),
        ("amina.hassan@example.org", "too common"),
        ("AMINA.HASSAN", "too common"),
        ("Amina Hassan Omar", "too common"),
        ("x" * 1025, "at most 1024"),
    ],
)
def test_bad_passwords_are_explained(app_ctx, password, expected):
    with force_locale("en"):
        problems = passwords.password_problems(
            password, email="amina.hassan@example.org", name="Amina Hassan Omar"
        )
    assert any(expected in problem for problem in problems), problems


def test_common_list_is_folded(app_ctx):
    common = passwords.common_passwords()
    assert "password123" in common
    assert all(entry == entry.casefold() for entry in common)


def test_problems_are_translated_outside_a_request(app_ctx):
    """Services run from commands too: no request, the default (Greek) language."""
    problems = passwords.password_problems("short")
    assert problems and "10" in problems[0]


def test_minimum_length_follows_the_setting(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "PASSWORD_MIN_LENGTH", 30)
    assert passwords.password_problems(GOOD)  # 22 characters are now too few
