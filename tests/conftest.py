"""Shared fixtures: one app and database per test run, a clean database per test,
logged-in clients per role, a real local SMTP server, a SQL query counter.

Run on SQLite (default) or PostgreSQL with `pytest --db=postgresql`. PostgreSQL
tests create and drop their own database; without a server they skip, except
under CI=true, where they fail.
"""

import logging
import os
import secrets
from contextlib import contextmanager

import flask_migrate
import psycopg
import pytest
from sqlalchemy import event

from mediator_portal import create_app
from mediator_portal.extensions import db, limiter, socketio
from tests.clients import PortalClient
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.smtp import LocalSMTPServer
from tests.support import IN_CI, skip_or_fail

pytest_plugins = ["tests.browser.fixtures", "tests.timing", "tests.jobs_support"]

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
ROLES = ("mediator", "supervisor", "trainer", "admin")


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="database backend the suite runs on",
    )


def pytest_report_header(config):
    return f"database backend: {config.getoption('--db')}; CI={IN_CI}"


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    """A fresh, empty database for this test run; dropped at the end."""
    if request.config.getoption("--db") == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
        return
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        skip_or_fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}")
    name = f"mediator_portal_test_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    # Test data is thrown away: do not wait for the disk at each commit.
    admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on a free local port that keeps what it receives."""
    server = LocalSMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app(database_url, smtp_server, tmp_path_factory):
    """The app under test, its database upgraded to head by the real migrations."""
    app = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": database_url,
            "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
            "MAIL_SERVER": smtp_server.host,
            "MAIL_PORT": smtp_server.port,
        },
    )
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_state(app, smtp_server):
    """Every test starts with empty tables, fresh rate limits and an empty mailbox."""
    smtp_server.messages.clear()
    with app.app_context():
        limiter.reset()
    yield
    with app.app_context():
        db.session.remove()
        # DELETE beats TRUNCATE on the handful of rows a test leaves behind.
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture(autouse=True)
def _no_unexpected_tracebacks(request, caplog):
    """Fail a test during which the app (or its server threads) logged an error, unless the
    test says it expects one (`@pytest.mark.logs_errors`): the log of the whole suite holds no
    unexpected traceback."""
    yield
    if request.node.get_closest_marker("logs_errors"):
        return
    records = caplog.get_records("setup") + caplog.get_records("call")
    errors = [record for record in records if record.levelno >= logging.ERROR]
    if errors:
        pytest.fail(
            "unexpected errors in the log:\n"
            + "\n".join(f"{record.name}: {record.getMessage()}" for record in errors),
            pytrace=False,
        )


@pytest.fixture
def app_ctx(app):
    """An application context for tests that call services directly."""
    with app.app_context():
        yield app


@pytest.fixture
def mailbox(smtp_server):
    """Messages received by the local SMTP server during this test."""
    return smtp_server.messages


@pytest.fixture
def client(app):
    """An anonymous browser: cookies kept, CSRF tokens added to every form it posts."""
    app.test_client_class = PortalClient
    return app.test_client()


@pytest.fixture
def new_client(app):
    """A factory of independent anonymous clients (several browsers in one test)."""
    app.test_client_class = PortalClient
    return app.test_client


@pytest.fixture
def user_of(app):
    """Factory: `user_of("mediator", **fields)` creates an account and returns it (detached)."""

    def create(role: str = "mediator", **fields):
        with app.app_context():
            user = make_user(role=role, **fields)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return create


@pytest.fixture
def logged_in(app, user_of):
    """Factory: `logged_in("admin")` returns a client signed in as a new account of that role.

    The client's account is available as `client.user`.
    """

    def sign_in(role: str = "mediator", **fields) -> PortalClient:
        user = user_of(role, **fields)
        app.test_client_class = PortalClient
        browser = app.test_client()
        browser.login(user.email, DEFAULT_PASSWORD)
        browser.user = user
        return browser

    return sign_in


@pytest.fixture
def count_queries(app):
    """Context manager collecting the SQL statements run inside it."""

    @contextmanager
    def counter():
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counter


_MISSING = object()


@pytest.fixture
def socket_clients(app):
    """Factory of Socket.IO test clients; afterwards the server is put back as it was.

    Flask-SocketIO's test client replaces the server's packet senders and makes its
    handlers synchronous; left so, real browsers in later tests would never hear back.
    """
    server = socketio.server
    patched = ("_send_packet", "_send_eio_packet", "async_handlers")
    saved = {name: vars(server).get(name, _MISSING) for name in patched}
    saved_eio = server.eio.async_handlers
    clients = []

    def open_socket(flask_client):
        socket = socketio.test_client(app, flask_test_client=flask_client)
        clients.append(socket)
        return socket

    yield open_socket
    for socket in clients:
        if socket.is_connected():
            socket.disconnect()
    for name, value in saved.items():
        if value is _MISSING:
            vars(server).pop(name, None)
        else:
            setattr(server, name, value)
    server.eio.async_handlers = saved_eio
