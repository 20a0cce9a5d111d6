"""Small factories that build valid objects in one line (they add and flush, never commit)."""

import itertools

from mediator_portal.accounts import services as accounts
from mediator_portal.accounts.models import Municipality, Region, User
from mediator_portal.accounts.services.passwords import hash_password
from mediator_portal.database import utcnow
from mediator_portal.extensions import db

DEFAULT_PASSWORD = "correct horse battery staple"  # noqa: S105
_numbers = itertools.count(1)


def make_region(name: str | None = None, name_en: str | None = None) -> Region:
    number = next(_numbers)
    region = Region(name=name or f"Περιφέρεια {number}", name_en=name_en or f"Region {number}")
    db.session.add(region)
    db.session.flush()
    return region


def make_municipality(
    region: Region | None = None, name: str | None = None, **fields
) -> Municipality:
    number = next(_numbers)
    municipality = Municipality(
        region=region or make_region(),
        name=name or f"Δήμος {number}",
        name_en=fields.pop("name_en", f"Municipality {number}"),
        **fields,
    )
    db.session.add(municipality)
    db.session.flush()
    return municipality


def make_user(
    role: str = "mediator",
    *,
    email: str | None = None,
    name: str | None = None,
    password: str | None = DEFAULT_PASSWORD,
    languages: tuple[str, ...] = ("el",),
    municipality: Municipality | None = None,
    **fields,
) -> User:
    """An account of `role`; `password=None` makes an invited account that has not set one."""
    number = next(_numbers)
    user = User(
        email=(email or f"{role}{number}@example.org").lower(),
        role=role,
        municipality=municipality,
        password_hash=hash_password(password) if password else None,
        invited_at=utcnow(),
        **fields,
    )
    accounts.set_name(user, name or f"{role.title()} {number}")
    accounts.set_languages(user, list(languages))
    db.session.add(user)
    db.session.flush()
    return user


def make_failed_job(
    name: str = "mediator_portal.admin.jobs.send_invitation",
    arguments: dict | None = None,
    error: str = "MailError: [Errno 111] Connection refused",
    **fields,
):
    """A recorded job failure (added to the session, not committed)."""
    from mediator_portal.job_failures import FailedJob, summarize

    arguments = arguments or {"args": [1, "http://localhost/"], "kwargs": {}}
    failure = FailedJob(
        name=name,
        arguments=arguments,
        summary=summarize(tuple(arguments["args"]), arguments["kwargs"]),
        error=error,
        attempts=fields.pop("attempts", 5),
        **fields,
    )
    db.session.add(failure)
    db.session.flush()
    return failure
