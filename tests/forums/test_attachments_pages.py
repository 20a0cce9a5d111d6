"""Attachments on the topic page: shown under their post (thumbnails, PDF links), in the
rendered-post cache (a new file or a new thumbnail shows at once), loaded with one query
for the whole page, and the reminder about personal data in sensitive categories."""

import io
import re
import secrets

import pytest
from sqlalchemy import insert, select
from werkzeug.datastructures import FileStorage

from mediator_portal import storage_jobs
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, PostAttachment
from mediator_portal.storage import StoredFile
from tests.core.storage_files import pdf_bytes, png_bytes
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import bulk_posts, make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def article(browser, topic_id: int, number: int = 1) -> str:
    page = browser.get(f"/forums/t/{topic_id}").text
    match = re.search(rf'<article [^>]*id="post-{number}".*?</article>', page, re.S)
    assert match, page
    return match.group(0)


def test_a_file_added_by_an_edit_and_its_thumbnail_show_at_once(member, seed, app, uploads):
    author = member()

    def create():
        topic = make_topic(make_category(), author=account(author), body="Κείμενο")
        return topic.id, db.session.scalar(select(Post.id).where(Post.topic_id == topic.id))

    topic_id, post_id = seed(create)
    reader = member()
    assert "post-attachments" not in article(reader, topic_id)  # now kept in the cache

    def attach():
        post = db.session.get(Post, post_id)
        files = services.NewFiles(
            uploads=[upload(png_bytes(), "εικόνα.png"), upload(pdf_bytes(), "Έντυπο.pdf")]
        )
        services.edit_post(
            db.session, post=post, editor=account(author), body="Κείμενο", files=files
        )
        return [a.id for a in db.session.scalars(select(PostAttachment))]

    image_id, pdf_id = sorted(seed(attach))
    html = article(reader, topic_id)
    assert f'href="/forums/attachments/{pdf_id}"' in html and "Έντυπο.pdf" in html
    assert f'href="/forums/attachments/{image_id}"' in html and "εικόνα.png" in html
    assert "/thumbnail" not in html  # not made yet: a link with the name
    with app.app_context():
        storage_jobs.make_thumbnail(db.session.get(PostAttachment, image_id).stored_file_id)
    html = article(reader, topic_id)
    assert f'src="/forums/attachments/{image_id}/thumbnail"' in html

    def remove():
        post = db.session.get(Post, post_id)
        files = services.NewFiles(remove_ids=[pdf_id])
        services.edit_post(
            db.session, post=post, editor=account(author), body="Κείμενο", files=files
        )

    seed(remove)
    html = article(reader, topic_id)
    assert "Έντυπο.pdf" not in html and "εικόνα.png" in html


def test_a_hidden_post_shows_its_files_to_moderators_only(member, seed):
    author, trainer = member(), member("trainer")

    def create():
        topic = make_topic(make_category(), author=account(author), body="Κείμενο")
        post = db.session.scalar(select(Post).where(Post.topic_id == topic.id))
        files = services.NewFiles(uploads=[upload(pdf_bytes(), "Έντυπο.pdf")])
        services.edit_post(db.session, post=post, editor=account(author), body="x", files=files)
        services.hide_post(db.session, post, actor=account(trainer), reason="Προσωπικά δεδομένα")
        return topic.id

    topic_id = seed(create)
    assert "Έντυπο.pdf" not in article(member(), topic_id)
    assert "Έντυπο.pdf" in article(trainer, topic_id)


def test_the_sensitive_reminder_is_above_the_file_field(member, seed):
    def create():
        sensitive = make_category(sensitive=True)
        plain = make_category()
        topic = make_topic(sensitive)
        return sensitive.id, plain.id, topic.id

    sensitive, plain, topic_id = seed(create)
    browser = member()
    reminder = "Do not upload documents with personal data"
    urls = (f"/forums/c/{sensitive}/new", f"/forums/t/{topic_id}", f"/forums/t/{topic_id}/reply")
    for url in urls:
        page = browser.get(url).text
        assert reminder in page
        assert page.index(reminder) < page.index('type="file" multiple name="files"')
    assert reminder not in browser.get(f"/forums/c/{plain}/new").text


def build(seed, viewer, posts: int) -> int:
    """A topic of `posts` posts, each with an image (with a thumbnail) and a PDF."""

    def create():
        authors = [make_user("mediator") for _ in range(3)]
        topic = make_topic(make_category(), author=authors[0])
        bulk_posts(topic, authors, posts - 1)
        post_ids = db.session.scalars(select(Post.id).where(Post.topic_id == topic.id)).all()
        now, rows = utcnow(), []
        for index, post_id in enumerate(post_ids):
            for position, (kind, ext) in enumerate((("image", "png"), ("pdf", "pdf"))):
                key = secrets.token_hex(16)
                stored = StoredFile(
                    key=key,
                    original_name=f"αρχείο-{index}.{ext}",
                    extension=ext,
                    content_type="image/png" if kind == "image" else "application/pdf",
                    kind=kind,
                    size=1234,
                    sha256="0" * 64,
                    thumbnail_key=secrets.token_hex(16) if kind == "image" else None,
                )
                db.session.add(stored)
                db.session.flush()
                rows.append(
                    {
                        "post_id": post_id,
                        "stored_file_id": stored.id,
                        "uploader_id": authors[0].id,
                        "position": position,
                        "created_at": now,
                    }
                )
        db.session.execute(insert(PostAttachment), rows)
        return topic.id

    return seed(create)


def test_the_topic_page_loads_all_attachments_in_one_query(member, seed, count_queries):
    counts = {}
    for label, posts in (("small", 5), ("big", 120)):
        browser = member()
        topic_id = build(seed, browser, posts)
        for page in (1, (posts + 19) // 20):
            url = f"/forums/t/{topic_id}?page={page}"
            browser.get(url)
            with count_queries() as statements:
                response = browser.get(url)
            assert response.status_code == 200
            assert response.text.count('class="post-attachment"') == 2 * min(posts, 20) or page > 1
            counts[(label, page > 1)] = len(statements)
            assert sum("forum_post_attachments" in s for s in statements) == 1
    assert counts[("small", False)] == counts[("big", False)] == counts[("big", True)]
    assert counts[("big", False)] == 7  # tests/forums/test_query_counts.py's budget
