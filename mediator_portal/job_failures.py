"""Jobs that gave up: a row per failure, listed for admins, who can run it again.

`record` is called by the job runner (jobs.Job) when a job's last attempt fails; it
writes in a session of its own so the failed job's rollback cannot take it away.
`retry` re-enqueues the job with the arguments it had, once the admin's transaction
commits, and records it in the audit log.
"""

import json
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, joinedload, mapped_column

from mediator_portal import audit
from mediator_portal.after_commit import on_commit
from mediator_portal.database import relationship, utcnow
from mediator_portal.errors import PortalError
from mediator_portal.extensions import db

SUMMARY_LENGTH = 300
ERROR_LENGTH = 4000


class JobNotRetryable(PortalError):
    """The failure was retried already, or its job no longer exists."""

    status = 409
    message = _l("This job was run again already, or it can no longer run.")


class FailedJob(db.Model):
    """A job whose every attempt failed."""

    __tablename__ = "failed_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    arguments: Mapped[dict] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(String(SUMMARY_LENGTH))
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int]
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    retried_at: Mapped[datetime | None]
    retried_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    retried_by = relationship("User")

    @property
    def short_name(self) -> str:
        """The job's function name, without its module."""
        return self.name.rsplit(".", 1)[-1]


def summarize(args: tuple, kwargs: dict) -> str:
    """The arguments as one short line for the admin page."""
    parts = [repr(value) for value in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    text = ", ".join(parts)
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def record(name: str, args: tuple, kwargs: dict, error: BaseException, attempts: int) -> None:
    """Store that job `name` gave up after `attempts` attempts with `error` (own session)."""
    message = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    with Session(db.engine) as session:
        session.add(
            FailedJob(
                name=name,
                arguments=json.loads(json.dumps({"args": list(args), "kwargs": kwargs})),
                summary=summarize(args, kwargs),
                error=message,
                attempts=attempts,
            )
        )
        session.commit()


def failures_query():
    """Every failure, newest first, with who retried it."""
    return (
        select(FailedJob)
        .options(joinedload(FailedJob.retried_by))
        .order_by(FailedJob.failed_at.desc(), FailedJob.id.desc())
    )


def retry(session: Session, actor, failure: FailedJob, *, ip: str | None = None) -> None:
    """Mark `failure` retried by `actor` and enqueue its job again after the commit.

    Raises JobNotRetryable when it was retried already or its job is unknown.
    """
    from mediator_portal.jobs import JOBS

    runner = JOBS.get(failure.name)
    if failure.retried_at is not None or runner is None:
        raise JobNotRetryable()
    failure.retried_at = utcnow()
    failure.retried_by_id = getattr(actor, "id", None)
    audit.record(
        session,
        actor=actor,
        action="job.retry",
        target=failure,
        target_label=failure.short_name,
        details={"job": failure.name, "failed_at": failure.failed_at.isoformat()},
        ip=ip,
    )
    session.flush()
    arguments = failure.arguments or {}
    args, kwargs = arguments.get("args", []), arguments.get("kwargs", {})
    on_commit(lambda: runner.enqueue(*args, **kwargs), session=session)
