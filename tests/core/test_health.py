"""`/healthz`: JSON with the state of the app and the database."""

import pytest
from sqlalchemy.exc import OperationalError

from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def test_healthz_reports_ok(client, app):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    with app.app_context():
        backend = db.engine.dialect.name
    assert response.json == {
        "status": "ok",
        "app": "mediator-portal",
        "database": "ok",
        "database_backend": backend,
    }


def test_healthz_is_public_and_not_throttled(client):
    for _ in range(30):
        assert client.get("/healthz").status_code == 200


@pytest.mark.logs_errors
def test_healthz_reports_a_database_failure(client, app, monkeypatch):
    def fail(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    # Every session the app opens is of this class; the patch ends with the test.
    monkeypatch.setattr(db.session.session_factory.class_, "execute", fail)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "degraded"
    assert response.json["database"] == "unavailable"
    assert "connection refused" not in response.text
