"""Training factories: valid themes, proposals, supports and comments in one line, through the
services (add and flush, never commit). `bulk_proposals` inserts many rows at once, for
query-count tests."""

import itertools
from datetime import timedelta

from sqlalchemy import insert

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.search import fold
from mediator_portal.training import services
from mediator_portal.training.models import Follow, Proposal, Support, TrainingTheme
from tests.factories import make_user

_numbers = itertools.count(1)


def make_theme(name_el: str | None = None, name_en: str | None = None, **fields) -> TrainingTheme:
    number = next(_numbers)
    theme = TrainingTheme(
        name_el=name_el or f"Θεματική {number}",
        name_en=name_en or f"Theme {number}",
        position=fields.pop("position", number),
        **fields,
    )
    db.session.add(theme)
    db.session.flush()
    return theme


def make_proposal(
    author=None,
    title: str | None = None,
    body: str = "Περιγραφή της πρότασης",
    theme: TrainingTheme | None = None,
    languages: tuple[str, ...] = (),
) -> Proposal:
    """A proposal made through the service (its author follows it)."""
    return services.create_proposal(
        db.session,
        author=author or make_user("mediator"),
        title=title or f"Πρόταση {next(_numbers)}",
        body=body,
        theme_id=(theme or make_theme()).id,
        languages=languages,
    )


def make_trainer_answer(proposal: Proposal, status: str = "accepted", trainer=None, **kwargs):
    """A trainer's answer moving `proposal` to `status`."""
    return services.change_status(
        db.session,
        proposal,
        actor=trainer or make_user("trainer"),
        status=status,
        body=kwargs.pop("body", "Απάντηση"),
        **kwargs,
    )


def bulk_proposals(theme: TrainingTheme, author, count: int, supporters=()) -> None:
    """`count` proposals at once (each supported by `supporters`, followed by its author)."""
    now = utcnow()
    rows = [
        {
            "title": f"Μαζική πρόταση {n}",
            "title_key": fold(f"Μαζική πρόταση {n}"),
            "body": "Κείμενο",
            "body_html": "<p>Κείμενο</p>",
            "theme_id": theme.id,
            "author_id": author.id,
            "status": "proposed",
            "support_count": len(supporters),
            "comment_count": 0,
            "created_at": now - timedelta(minutes=n),
        }
        for n in range(count)
    ]
    ids = list(db.session.scalars(insert(Proposal).returning(Proposal.id), rows))
    if supporters:
        db.session.execute(
            insert(Support),
            [
                {"proposal_id": pid, "user_id": user.id, "created_at": now}
                for pid in ids
                for user in supporters
            ],
        )
    db.session.execute(
        insert(Follow),
        [
            {"proposal_id": pid, "user_id": author.id, "following": True, "seen_at": now}
            for pid in ids
        ],
    )


def make_session(
    trainer=None, *, capacity: int | None = None, days_ahead: int = 7, online: bool = True, **fields
):
    """A session `days_ahead` days from today, 10:00-12:00 Athens, through the service."""
    from datetime import time

    from mediator_portal.timezones import to_local

    day = to_local(utcnow()).date() + timedelta(days=days_ahead)
    return services.create_session(
        db.session,
        actor=trainer or make_user("trainer"),
        title=fields.pop("title", f"Επιμόρφωση {next(_numbers)}"),
        online=online,
        meeting_url=fields.pop("meeting_url", "https://meet.example.org/room" if online else None),
        place=fields.pop("place", None if online else "Αίθουσα ΚΚ"),
        day=fields.pop("day", day),
        start=fields.pop("start", time(10, 0)),
        end=fields.pop("end", time(12, 0)),
        capacity=capacity,
        **fields,
    ).session
