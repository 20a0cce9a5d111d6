"""The migrations build the whole schema from an empty database, both ways, on SQLite and
PostgreSQL (run with --db=postgresql), and the models do not drift from them."""

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from mediator_portal import fulltext
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def _drift():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": fulltext.modelled}
        )
        return compare_metadata(context, db.metadata)


def test_models_and_migrations_do_not_drift(app_ctx):
    assert _drift() == []


def test_downgrade_to_empty_and_upgrade_to_head(app_ctx):
    flask_migrate.downgrade(revision="base")
    try:
        leftover = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert not {name for name in leftover if name.startswith("search_documents")}
        assert leftover == set()
    finally:
        flask_migrate.upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert _drift() == []
