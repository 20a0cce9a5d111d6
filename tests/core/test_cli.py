"""`flask demo-data`: regions, municipalities and demo accounts; idempotent; never in production."""

from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from mediator_portal.accounts import demo as demo_data
from mediator_portal.accounts.models import Municipality, Region, User
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Region, Municipality, User)
        )


def test_demo_data_creates_the_regions_places_and_accounts(app, runner):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert _counts(app) == (8, 30, 36)
    assert "mediator-demo" in result.output
    with app.app_context():
        emails = set(db.session.scalars(select(User.email)))
        roles = dict(db.session.execute(select(User.email, User.role)).all())
    expected = {"admin@example.org", "trainer@example.org"}
    expected |= {"supervisor1@example.org", "supervisor2@example.org"}
    expected |= {f"mediator{n:02d}@example.org" for n in range(1, 33)}
    assert emails == expected
    assert roles["admin@example.org"] == "admin"
    assert roles["trainer@example.org"] == "trainer"
    assert roles["supervisor2@example.org"] == "supervisor"
    assert roles["mediator32@example.org"] == "mediator"


def test_every_demo_mediator_has_a_municipality_and_languages(app, runner):
    runner.invoke(args=["demo-data"])
    with app.app_context():
        mediators = db.session.scalars(
            select(User)
            .options(selectinload(User.languages), selectinload(User.municipality))
            .where(User.role == "mediator")
        ).all()
        assert len(mediators) == 32
        assert all(m.municipality_id is not None for m in mediators)
        assert all("el" in m.language_codes and len(m.language_codes) >= 2 for m in mediators)
        per_place = Counter(m.municipality.name for m in mediators)
        assert len(per_place) == 30  # every municipality has its mediator...
        doubled = {name for name, count in per_place.items() if count == 2}
        assert doubled == {"Δήμος Αθηναίων", "Δήμος Θεσσαλονίκης"}  # ...the biggest two have two


@pytest.mark.parametrize("email", ["mediator01@example.org", "ADMIN@example.org"])
def test_a_demo_account_signs_in_through_the_form(runner, client, email):
    runner.invoke(args=["demo-data"])
    response = client.login(email, demo_data.DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_demo_data_is_idempotent(app, runner):
    runner.invoke(args=["demo-data"])
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert "0 regions, 0 municipalities, 0 accounts," in result.output
    assert _counts(app) == (8, 30, 36)


def test_demo_data_adds_what_is_missing_and_leaves_existing_accounts(app, runner, user_of, client):
    user_of("trainer", email="trainer@example.org", name="Existing Trainer")
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert "35 accounts," in result.output
    assert _counts(app) == (8, 30, 36)
    # The existing account keeps its own password and name.
    assert client.login("trainer@example.org", demo_data.DEMO_PASSWORD).status_code == 422
    with app.app_context():
        trainer = db.session.scalar(select(User).where(User.email == "trainer@example.org"))
        assert trainer.name == "Existing Trainer"


def test_if_empty_does_nothing_on_a_database_with_accounts(app, runner, user_of):
    user_of("admin")
    result = runner.invoke(args=["demo-data", "--if-empty"])
    assert result.exit_code == 0
    assert "not loaded" in result.output
    assert _counts(app) == (0, 0, 1)


def test_if_empty_loads_an_empty_database(app, runner):
    result = runner.invoke(args=["demo-data", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert _counts(app) == (8, 30, 36)


def test_demo_data_refuses_the_production_configuration(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "CONFIG_NAME", "production")
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "production" in result.output
    assert _counts(app) == (0, 0, 0)
