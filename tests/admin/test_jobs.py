"""/admin/jobs: a job that keeps failing is listed with its error; Retry runs it again."""

import pytest
from sqlalchemy import select

from mediator_portal import jobs
from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.job_failures import FailedJob
from mediator_portal.mailer import send_email
from mediator_portal.sent_once import send_once
from tests.factories import make_failed_job
from tests.jobs_support import wait_for

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

MAIL_SERVER_DOWN = {"down": True}


class _Named:
    name = "Νέα Διαμεσολαβήτρια"


@jobs.job(retries=1, retry_delay=0.1)
def reminder(address: str, topic: int) -> None:
    """E-mails `address` once; fails while the mail server is 'down'."""
    if MAIL_SERVER_DOWN["down"]:
        raise ConnectionError("the mail server <smtp.example.org> is down")
    send_once(
        db.session,
        f"reminder:{address}:{topic}",
        lambda: send_email(address, "Reminder", "invitation", user=_Named(), link="x", days=1),
    )


def failures(read_db) -> list[tuple]:
    return read_db(
        lambda s: s.execute(
            select(FailedJob.name, FailedJob.attempts, FailedJob.error, FailedJob.retried_at)
        ).all()
    )


@pytest.mark.logs_errors  # the worker logs every failed attempt
def test_a_job_that_keeps_failing_is_listed_and_retry_runs_it(admin, read_db, mailbox, worker):
    MAIL_SERVER_DOWN["down"] = True
    reminder.enqueue("amina@example.org", 7)
    wait_for(lambda: failures(read_db), what="the job to give up")
    worker.drain()
    ((name, attempts, error, retried_at),) = failures(read_db)
    assert name == "tests.admin.test_jobs.reminder"
    assert attempts == 2  # the first run and one retry
    assert error == "ConnectionError: the mail server <smtp.example.org> is down"
    assert retried_at is None
    assert list(mailbox) == []

    page = admin.get("/admin/jobs")
    assert page.status_code == 200
    assert "reminder" in page.text
    assert "&#39;amina@example.org&#39;, 7" in page.text  # the arguments, escaped
    assert "the mail server &lt;smtp.example.org&gt; is down" in page.text
    assert 'aria-current="page">Failed jobs' in page.text
    failure_id = read_db(lambda s: s.scalar(select(FailedJob.id)))

    MAIL_SERVER_DOWN["down"] = False  # the cause is fixed
    response = admin.post(f"/admin/jobs/{failure_id}/retry", follow_redirects=True)
    assert "has been queued to run again" in response.text
    worker.drain()
    assert [m["To"] for m in mailbox] == ["amina@example.org"]
    assert len(failures(read_db)) == 1  # it did not fail again
    assert failures(read_db)[0][3] is not None
    entries = read_db(lambda s: s.execute(select(AuditEntry.action, AuditEntry.target_label)).all())
    assert entries == [("job.retry", "reminder")]
    assert "Run again on" in admin.get("/admin/jobs").text

    # Retried already: a clear refusal, nothing queued twice.
    again = admin.post(f"/admin/jobs/{failure_id}/retry")
    assert again.status_code == 409
    assert jobs.queue.pending_count() == 0


def test_retry_needs_the_csrf_token(admin, app, read_db):
    with app.app_context():
        failure_id = make_failed_job().id
        db.session.commit()
    response = admin.post(f"/admin/jobs/{failure_id}/retry", csrf=False)
    assert response.status_code == 400
    assert read_db(lambda s: s.get(FailedJob, failure_id).retried_at) is None
    assert jobs.queue.pending_count() == 0


def test_a_failure_of_an_unknown_job_cannot_be_retried(admin, app):
    with app.app_context():
        failure_id = make_failed_job(name="gone.module.job").id
        db.session.commit()
    assert admin.post(f"/admin/jobs/{failure_id}/retry").status_code == 409
    assert admin.post("/admin/jobs/999999/retry").status_code == 404


def test_retry_re_enqueues_the_recorded_arguments(admin, app):
    with app.app_context():
        failure_id = make_failed_job(
            name="tests.admin.test_jobs.reminder",
            arguments={"args": ["x@example.org", 3], "kwargs": {}},
        ).id
        db.session.commit()
    assert admin.post(f"/admin/jobs/{failure_id}/retry").status_code == 302
    (task,) = jobs.queue.pending()
    assert task.name.endswith("tests.admin.test_jobs.reminder")
    assert task.args == ("x@example.org", 3)


def test_the_page_says_when_nothing_failed(admin):
    page = admin.get("/admin/jobs")
    assert page.status_code == 200
    assert "No job has failed." in page.text


def test_the_page_runs_a_fixed_number_of_queries(admin, app, count_queries):
    counts = []
    for count in (1, 30):
        with app.app_context():
            for number in range(count):
                make_failed_job(arguments={"args": [number], "kwargs": {}})
            db.session.commit()
        with count_queries() as statements:
            page = admin.get("/admin/jobs")
            assert page.status_code == 200
        counts.append(len(statements))
    assert page.text.count(">Retry<") == 25  # one page of the 31
    # The same for 1 and 31 failures: the session, the user, the count, the page.
    assert counts[0] == counts[1] <= 5, counts
