"""Failed sign-ins per account, counted in the rate limiter's storage (in memory for one
process; shared by every process when `RATELIMIT_STORAGE_URI` points at Redis).

Once an e-mail address has had `LOGIN_ACCOUNT_LIMIT` failed sign-ins (e.g. "10 per 15
minutes", a moving window), the account is *under protection*: the right password no
longer signs in by itself, the portal e-mails a one-time sign-in link instead
(`sign_in_links`). Nobody is refused outright, so a stranger who fails on purpose cannot
lock the owner out. Addresses are counted whether or not an account has them (the answer
must not tell which exist), and stored only as a hash.
"""

import hashlib

from flask import current_app
from limits import RateLimitItem, parse

from mediator_portal.accounts.services.lookup import normalize_email
from mediator_portal.extensions import limiter

NAMESPACE = "login-account"


def _limit() -> RateLimitItem:
    return parse(current_app.config["LOGIN_ACCOUNT_LIMIT"])


def _key(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()[:32]


def record_failed_sign_in(email: str) -> None:
    """Count a failed sign-in for `email` (a full window stays full: no further count)."""
    limiter.limiter.hit(_limit(), NAMESPACE, _key(email))


def under_protection(email: str) -> bool:
    """True when `email` has had `LOGIN_ACCOUNT_LIMIT` failed sign-ins in its window."""
    return not limiter.limiter.test(_limit(), NAMESPACE, _key(email))


def clear_failed_sign_ins(email: str) -> None:
    """Forget the failures of `email` (after its owner has signed in)."""
    limiter.limiter.clear(_limit(), NAMESPACE, _key(email))
