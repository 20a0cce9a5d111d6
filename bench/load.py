"""Load the benchmark dataset into the portal's database with bulk inserts.

Every post's Markdown is rendered by the app's own text module, as posting would do,
and the denormalized counters are filled in as the forum services keep them.
"""

from datetime import UTC
from multiprocessing import Pool

from sqlalchemy import insert, select

from mediator_portal.accounts.models import User
from mediator_portal.accounts.services.passwords import hash_password
from mediator_portal.extensions import db
from mediator_portal.forums.models import Category, Post, Topic
from mediator_portal.search import fold
from mediator_portal.text import render_markdown

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway benchmark database


def _render_all(bodies: list[str]) -> list[str]:
    with Pool(2) as pool:
        return pool.map(render_markdown, bodies, chunksize=500)


def load(data: dict) -> dict:
    """Insert users, categories, topics and posts; returns ids the benchmark needs.

    Call inside an app context on an empty, migrated database; commits.
    """
    session = db.session
    password_hash = hash_password(BENCH_PASSWORD)
    session.execute(
        insert(User),
        [
            {
                "email": u["email"],
                "name": u["username"],
                "name_key": fold(u["username"]),
                "role": "admin" if i == 0 else "mediator",
                "password_hash": password_hash,
                "locale": "en",
                "active": True,
            }
            for i, u in enumerate(data["users"])
        ],
    )
    user_ids = session.scalars(select(User.id).order_by(User.id)).all()
    session.execute(
        insert(Category),
        [
            {
                "name_el": f["title"],
                "name_en": f["title"],
                "description_el": f["description"],
                "description_en": f["description"],
                "position": i,
            }
            for i, f in enumerate(data["forums"])
        ],
    )
    category_ids = session.scalars(select(Category.id).order_by(Category.id)).all()
    bodies = [p["content"] for t in data["topics"] for p in t["posts"]]
    rendered = iter(_render_all(bodies))
    stats = {
        cid: {"topics": 0, "posts": 0, "last": None, "last_topic": None} for cid in category_ids
    }
    big_topic_id = None
    for index, topic in enumerate(data["topics"]):
        posts = topic["posts"]
        category_id = category_ids[topic["forum"]]
        first, last = posts[0], posts[-1]
        topic_id = session.execute(
            insert(Topic).returning(Topic.id),
            [
                {
                    "category_id": category_id,
                    "title": topic["title"],
                    "author_id": user_ids[topic["author"]],
                    "created_at": first["created"].replace(tzinfo=UTC),
                    "last_post_at": last["created"].replace(tzinfo=UTC),
                    "last_poster_id": user_ids[last["author"]],
                    "last_number": len(posts),
                    "reply_count": len(posts) - 1,
                }
            ],
        ).scalar_one()
        session.execute(
            insert(Post),
            [
                {
                    "topic_id": topic_id,
                    "author_id": user_ids[p["author"]],
                    "number": number,
                    "body": p["content"],
                    "body_html": next(rendered),
                    "created_at": p["created"].replace(tzinfo=UTC),
                }
                for number, p in enumerate(posts, start=1)
            ],
        )
        last_post_id = session.scalar(
            select(Post.id).where(Post.topic_id == topic_id, Post.number == len(posts))
        )
        session.execute(
            Topic.__table__.update().where(Topic.id == topic_id).values(last_post_id=last_post_id)
        )
        entry = stats[category_id]
        entry["topics"] += 1
        entry["posts"] += len(posts)
        moment = last["created"].replace(tzinfo=UTC)
        if entry["last"] is None or moment > entry["last"]:
            entry["last"], entry["last_topic"] = moment, topic_id
        if index == 0:
            big_topic_id = topic_id
    for category_id, entry in stats.items():
        session.execute(
            Category.__table__.update()
            .where(Category.id == category_id)
            .values(
                topic_count=entry["topics"],
                post_count=entry["posts"],
                last_post_at=entry["last"],
                last_topic_id=entry["last_topic"],
            )
        )
    session.commit()
    return {
        "big_topic_id": big_topic_id,
        "login_email": data["users"][1]["email"],
        "posts": len(bodies),
        "topics": len(data["topics"]),
    }
