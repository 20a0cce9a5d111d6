"""Forum factories: valid categories, topics and posts in one line (add and flush, never commit).

`make_topic` and `make_post` go through the services, so counters, numbers and
read state are those of real use. `bulk_posts` inserts many rows at once with
pre-rendered HTML, for tests that need big topics fast.
"""

import itertools
from datetime import timedelta

from sqlalchemy import insert, update

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Category, Post, Topic
from tests.factories import make_user

_numbers = itertools.count(1)


def make_category(**fields) -> Category:
    number = next(_numbers)
    category = Category(
        name_el=fields.pop("name_el", f"Κατηγορία {number}"),
        name_en=fields.pop("name_en", f"Category {number}"),
        description_el=fields.pop("description_el", "Περιγραφή"),
        description_en=fields.pop("description_en", "Description"),
        position=fields.pop("position", number),
        **fields,
    )
    db.session.add(category)
    db.session.flush()
    return category


def make_topic(
    category: Category | None = None,
    author=None,
    title: str | None = None,
    body: str = "Πρώτο μήνυμα",
) -> Topic:
    """A topic with its first post, started through the service."""
    author = author or make_user("trainer")
    category = category or make_category()
    return services.start_topic(
        db.session,
        category=category,
        author=author,
        title=title if title is not None else f"Θέμα {next(_numbers)}",
        body=body,
    )


def make_post(topic: Topic, author=None, body: str = "Απάντηση") -> Post:
    """A reply through the service."""
    return services.reply_to_topic(
        db.session, topic=topic, author=author or make_user("mediator"), body=body
    )


def bulk_topics(category: Category, author, count: int) -> None:
    """`count` topics with one post each, inserted in bulk (counters kept right)."""
    now = utcnow()
    start = db.session.query(Topic).count()
    rows = [
        {
            "category_id": category.id,
            "title": f"Θέμα {start + i}",
            "author_id": author.id,
            "created_at": now - timedelta(minutes=i),
            "last_post_at": now - timedelta(minutes=i),
            "last_poster_id": author.id,
            "last_number": 1,
            "reply_count": 0,
            "pinned": i % 50 == 0,
            "locked": False,
            "hidden": False,
        }
        for i in range(count)
    ]
    db.session.execute(insert(Topic), rows)
    topic_ids = [
        row[0]
        for row in db.session.execute(
            db.select(Topic.id).where(
                Topic.category_id == category.id, Topic.last_post_id.is_(None)
            )
        )
    ]
    db.session.execute(
        insert(Post),
        [
            {
                "topic_id": topic_id,
                "author_id": author.id,
                "number": 1,
                "body": "Κείμενο",
                "body_html": '<p dir="auto">Κείμενο</p>',
                "created_at": now,
                "hidden": False,
            }
            for topic_id in topic_ids
        ],
    )
    db.session.execute(
        update(Category)
        .where(Category.id == category.id)
        .values(
            topic_count=Category.topic_count + count,
            post_count=Category.post_count + count,
            last_post_at=now,
            last_topic_id=topic_ids[-1] if topic_ids else None,
        )
    )
    db.session.flush()


def bulk_posts(topic: Topic, authors: list, count: int) -> None:
    """Append `count` replies to `topic` in one insert, cycling through `authors`."""
    now = utcnow()
    first = topic.last_number + 1
    db.session.execute(
        insert(Post),
        [
            {
                "topic_id": topic.id,
                "author_id": authors[i % len(authors)].id,
                "number": first + i,
                "body": f"Απάντηση {first + i}",
                "body_html": f'<p dir="auto">Απάντηση {first + i}</p>',
                "created_at": now,
                "hidden": False,
            }
            for i in range(count)
        ],
    )
    topic.last_number += count
    topic.reply_count += count
    db.session.flush()
