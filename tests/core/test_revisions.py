"""Table revisions: every committed write gives its tables a new token, in its own transaction."""

import pytest
from sqlalchemy import create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session

from mediator_portal import revisions
from mediator_portal.accounts.models import Region, User
from mediator_portal.extensions import db
from mediator_portal.forums.models import Reaction, TopicRead
from mediator_portal.revisions import TableRevision
from tests.factories import DEFAULT_PASSWORD, make_region, make_user
from tests.forums.factories import make_topic


def tokens() -> dict[str, str]:
    db.session.rollback()  # a fresh read, whatever this session saw before
    return dict(db.session.execute(select(TableRevision.name, TableRevision.token)).all())


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def test_every_table_starts_with_a_token(app_ctx):
    names = set(db.metadata.tables) - {"table_revisions"}
    assert set(tokens()) == names
    assert all(len(token) == 32 for token in tokens().values())


def test_an_orm_write_gives_only_its_tables_new_tokens_at_commit(app_ctx):
    before = tokens()
    db.session.add(Region(name="Κρήτη", name_en="Crete"))
    db.session.commit()  # never flushed before the commit: the commit's flush is noted too
    assert changed(before, tokens()) == {"regions"}


def test_core_statements_are_noted_like_orm_ones(app_ctx):
    user = make_user()
    db.session.commit()
    before = tokens()
    db.session.execute(update(User).where(User.id == user.id).values(name="Νέο όνομα"))
    db.session.execute(insert(Region).values(name="Ήπειρος", name_en="Epirus"))
    db.session.commit()
    assert changed(before, tokens()) == {"users", "regions"}


def test_raw_sql_writes_are_noted(app_ctx):
    before = tokens()
    db.session.execute(text("INSERT INTO regions (name, name_en, active) VALUES ('Α', 'A', true)"))
    db.session.commit()
    assert changed(before, tokens()) == {"regions"}


def test_a_rollback_keeps_every_token(app_ctx):
    before = tokens()
    make_region()
    db.session.rollback()
    db.session.add(Region(name="Θεσσαλία", name_en="Thessaly"))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert tokens() == before


def test_reading_changes_no_token(app_ctx):
    make_user()
    db.session.commit()
    before = tokens()
    db.session.scalars(select(User)).all()
    db.session.commit()
    assert tokens() == before


def test_a_delete_renews_the_tables_the_database_changes_by_cascade(app_ctx):
    topic = make_topic()
    reader = make_user()
    db.session.add(TopicRead(user_id=reader.id, topic_id=topic.id, last_read_number=1))
    db.session.add(Reaction(post_id=topic.last_post_id, user_id=reader.id, kind="like"))
    db.session.commit()
    before = tokens()
    db.session.execute(delete(User).where(User.id == reader.id))
    db.session.commit()
    renewed = changed(before, tokens())
    assert {"users", "forum_topic_reads", "forum_reactions", "login_sessions"} <= renewed
    assert "forum_posts" not in renewed  # posts point at users without ON DELETE


def test_cascades_follow_foreign_keys_transitively():
    assert {"forum_topics", "forum_posts", "forum_reactions", "forum_post_revisions"} <= (
        revisions.cascades("forum_categories")
    )
    assert "forum_categories" not in revisions.cascades("forum_topics")


def test_a_write_through_another_engine_renews_the_token_too(app, app_ctx):
    # Another server process has an engine and a session of its own.
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    before = tokens()
    with Session(engine) as other:
        other.add(Region(name="Αττική", name_en="Attica"))
        other.commit()
    engine.dispose()
    assert changed(before, tokens()) == {"regions"}


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ('INSERT INTO "forum_posts" (x) VALUES (1)', ("forum_posts", False)),
        ("insert or replace into regions values (1)", ("regions", False)),
        ("  UPDATE users SET name = 'x'", ("users", False)),
        ("DELETE FROM login_sessions WHERE 1", ("login_sessions", True)),
        ('TRUNCATE TABLE "forum_drafts"', ("forum_drafts", True)),
        ("SELECT * FROM users", None),
        ("WITH x AS (SELECT 1) SELECT * FROM x", None),
    ],
)
def test_raw_statements_are_recognised(statement, expected):
    assert revisions._written_tables(statement, None) == expected


def test_the_sign_in_writes_do_not_touch_forum_tables(client, user_of, app):
    user = user_of("mediator")
    with app.app_context():
        before = tokens()
    assert client.login(user.email, DEFAULT_PASSWORD).status_code == 302
    with app.app_context():
        renewed = changed(before, tokens())
    assert "login_sessions" in renewed
    assert not {name for name in renewed if name.startswith("forum_")}
