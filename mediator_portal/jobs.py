"""Background jobs on Huey: e-mail, digests, reminders and slow work, never in a request.

One queue (`queue`, a Huey instance) for the whole app. Its storage comes from the
configuration when the app is built (`init_app`): a SQLite file in `instance/` by default
(`JOBS_SQLITE_PATH`), Redis when `JOBS_REDIS_URL` is set (several machines share the work).
The storage is opened on first use, so building the app writes nothing.

Features declare jobs in their `jobs.py`:

    @job(retries=3, retry_delay=60)          # waits 60 s, 120 s, 240 s between attempts
    def send_invitation(user_id: int, base_url: str) -> None: ...

    send_invitation.enqueue(user.id, base)   # after the commit that stored what it needs

A job runs inside the app (the same factory and configuration: an app context, and a
database session removed afterwards), takes plain JSON values (ids, strings; never a
secret: failed jobs show their arguments to admins) and is
idempotent: what it sends goes through `sent_once.send_once`. When its last attempt fails,
a `job_failures.FailedJob` row records it for the admin page (/admin/jobs, Retry).
Periodic jobs: `@periodic(hour="7", minute="0")` runs at 07:00 Athens time (DST-correct).

The worker: `flask --app wsgi jobs worker` (its own process in production; `make run`
starts it beside the web server, scripts/run.sh).
"""

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask, current_app, has_app_context
from flask.cli import with_appcontext
from huey import Huey, crontab
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from mediator_portal import job_failures, sent_once  # noqa: F401 - their tables
from mediator_portal.extensions import db
from mediator_portal.timezones import ATHENS

logger = logging.getLogger(__name__)


class PortalQueue(Huey):
    """Huey whose storage is chosen by `configure` and opened when first used."""

    def __init__(self, name: str):
        self._open_storage: Callable[[], object] = lambda: MemoryStorage(name)
        self._storage = None
        self.app: Flask | None = None
        super().__init__(name, results=False, utc=True, storage_class=MemoryStorage)

    @property
    def storage(self):
        if self._storage is None:
            self._storage = self._open_storage()
        return self._storage

    @storage.setter
    def storage(self, value) -> None:
        self._storage = value

    def configure(self, *, name: str, redis_url: str | None, sqlite_path: str) -> None:
        """Use Redis at `redis_url` when given, else the SQLite file `sqlite_path`; the
        previous storage is closed."""
        old, self._storage = self._storage, None
        if old is not None and hasattr(old, "close"):
            old.close()
        self.name = name
        if redis_url:
            self._open_storage = lambda: RedisStorage(name, url=redis_url)
        else:
            Path(sqlite_path).parent.mkdir(parents=True, exist_ok=True)
            self._open_storage = lambda: SqliteStorage(name, filename=sqlite_path)


queue = PortalQueue("mediator-portal")

# name -> Job: what the admin page's Retry button can re-enqueue.
JOBS: dict[str, "Job"] = {}


def init_app(app: Flask) -> None:
    """Point the queue at `app`'s storage and run jobs in `app` (the last app built)."""
    queue.configure(
        name=app.config["JOBS_NAME"],
        redis_url=app.config["JOBS_REDIS_URL"],
        sqlite_path=app.config["JOBS_SQLITE_PATH"],
    )
    queue.app = app
    app.extensions["jobs"] = queue
    app.cli.add_command(jobs_cli)


def _app() -> Flask:
    if queue.app is None:
        raise RuntimeError("jobs.init_app(app) has not been called")
    return queue.app


class QueueUnavailable(Exception):
    """The queue's storage could not take the job (Redis down, disk full)."""


class Job:
    """A function run by the worker, with retries and exponential backoff."""

    def __init__(self, fn: Callable, *, retries: int, retry_delay: float, backoff: float):
        self.fn = fn
        self.name = f"{fn.__module__}.{fn.__qualname__}"
        self.retries = retries
        self.retry_delay = retry_delay
        self.task = queue.task(
            retries=retries,
            retry_delay=retry_delay,
            retry_backoff=backoff,
            context=True,
            name=self.name,
        )(self._run)

    def __call__(self, *args, **kwargs):
        """Run the job here and now (tests, or a job calling another's work)."""
        return self.fn(*args, **kwargs)

    def enqueue(self, *args, **kwargs) -> None:
        """Put one run on the queue. Arguments must be plain JSON values (ids, strings).

        Raises QueueUnavailable when the storage refuses it. Enqueue after the commit that
        stored what the job reads (or through `after_commit.on_commit`).
        """
        json.dumps([args, kwargs])  # TypeError now rather than in the worker
        try:
            queue.enqueue(self.task.s(*args, **kwargs))
        except Exception as error:
            logger.warning("could not enqueue %s: %s", self.name, error)
            raise QueueUnavailable(str(error)) from error

    def enqueue_in(self, delay: float, *args, **kwargs) -> None:
        """Like `enqueue`, the run `delay` seconds from now (at once when `delay` <= 0)."""
        if delay <= 0:
            self.enqueue(*args, **kwargs)
            return
        json.dumps([args, kwargs])
        try:
            self.task.schedule(args=args, kwargs=kwargs, delay=delay)
        except Exception as error:
            logger.warning("could not enqueue %s: %s", self.name, error)
            raise QueueUnavailable(str(error)) from error

    def _run(self, *args, task, **kwargs):
        app = current_app._get_current_object() if has_app_context() else _app()
        with app.app_context():
            try:
                return self.fn(*args, **kwargs)
            except Exception as error:
                db.session.rollback()
                if not task.retries:  # the last attempt
                    attempts = max(self.retries - task.retries, 0) + 1
                    try:
                        job_failures.record(self.name, args, kwargs, error, attempts)
                    except Exception:
                        logger.exception("could not record the failure of %s", self.name)
                raise
            finally:
                db.session.remove()


def job(*, retries: int = 3, retry_delay: float = 60, backoff: float = 2) -> Callable:
    """Decorator: make `fn` a background job (`fn.enqueue(...)` puts a run on the queue);
    a failed run is tried `retries` more times, waiting `retry_delay` seconds, then that
    times `backoff` each time."""

    def register(fn: Callable) -> Job:
        wrapped = Job(fn, retries=retries, retry_delay=retry_delay, backoff=backoff)
        JOBS[wrapped.name] = wrapped
        return wrapped

    return register


def athens_crontab(**fields: str) -> Callable[[datetime], bool]:
    """Huey's crontab (`minute`, `hour`, `day`, `month`, `day_of_week`) read in Athens time:
    `athens_crontab(hour="7", minute="0")` matches 07:00 in Athens, winter (05:00 UTC) and
    summer (04:00 UTC) alike. Huey hands it naive UTC datetimes."""
    matches = crontab(**fields)

    def validate(moment: datetime) -> bool:
        athens = moment.replace(tzinfo=UTC).astimezone(ATHENS).replace(tzinfo=None)
        return matches(athens)

    return validate


def periodic(**fields: str) -> Callable:
    """Decorator: run `fn()` by the worker at the times `athens_crontab(**fields)` matches."""

    def register(fn: Callable):
        runner = Job(fn, retries=0, retry_delay=0, backoff=1)
        queue.periodic_task(athens_crontab(**fields), name=runner.name + ":periodic", context=True)(
            runner._run
        )
        return runner

    return register


def consumer(workers: int = 2, *, periodic_tasks: bool = True):
    """A Huey consumer (threads) of the queue, bound to the app already given to init_app."""
    return queue.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=periodic_tasks,
        initial_delay=0.05,
        max_delay=1.0,
        check_worker_health=True,
    )


@click.group("jobs")
def jobs_cli() -> None:
    """Background jobs."""


@jobs_cli.command("worker")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker threads.")
@with_appcontext
def worker_command(workers: int | None) -> None:
    """Run the job worker until stopped (SIGINT/Ctrl-C lets the running jobs finish)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    count = workers or current_app.config["JOBS_WORKERS"]
    click.echo(f"jobs worker: {count} threads on {queue.storage.__class__.__name__}")
    consumer(count).run()
