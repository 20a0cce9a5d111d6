"""Who may open a post's files, and the composer's pending uploads.

A file opens for those who may read its post, as the topic page decides: a restricted
category, a hidden or deleted post, a guessed id all answer 404. A pending upload (sent by
the composer's script before the post) is its uploader's alone: another member's pending
id is refused when posting. Pending uploads older than a day are purged.
"""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from mediator_portal import storage_jobs
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import jobs as forum_jobs
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, PostAttachment
from mediator_portal.storage import StoredFile
from tests.core.storage_files import HTML, files_in, pdf_bytes, png_bytes
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

JSON = {"Accept": "application/json"}


def part(data: bytes, name: str):
    return (io.BytesIO(data), name)


def upload_pending(browser, data: bytes, name: str, **kwargs):
    """The composer's upload: multipart, the CSRF token in the X-CSRFToken header."""
    return browser.post(
        "/forums/attachments",
        data={"file": part(data, name)},
        content_type="multipart/form-data",
        headers={**JSON, "X-CSRFToken": browser.csrf_token()},
        csrf=False,
        **kwargs,
    )


def posted_with_files(seed, author, category=None, **topic_fields):
    """A topic whose first post carries an image and a PDF; (topic id, post id, ids)."""

    def create():
        topic = make_topic(category or make_category(), author=account(author), **topic_fields)
        post = db.session.scalar(select(Post).where(Post.topic_id == topic.id))
        files = services.NewFiles(
            uploads=[
                storage_upload(png_bytes(size=(600, 300)), "photo.png"),
                storage_upload(pdf_bytes(), "Οδηγός.pdf"),
            ]
        )
        services.edit_post(db.session, post=post, editor=account(author), body="x", files=files)
        ids = db.session.scalars(
            select(PostAttachment.id)
            .where(PostAttachment.post_id == post.id)
            .order_by(PostAttachment.position)
        ).all()
        return topic.id, post.id, list(ids)

    return seed(create)


def storage_upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def test_a_member_uploads_a_pending_file_and_posts_it(member, seed, app, uploads):
    browser = member()
    topic_id = seed(lambda: make_topic(make_category()).id)
    response = upload_pending(browser, png_bytes(), "σχέδιο.png")
    assert response.status_code == 201
    pending = response.get_json()
    assert pending["name"] == "σχέδιο.png" and pending["kind"] == "image"
    # Its uploader can open it before posting; nobody else can.
    assert browser.get(pending["url"]).status_code == 200
    assert member().get(pending["url"]).status_code == 404
    reply = browser.post(
        f"/forums/t/{topic_id}/reply",
        data={"body": "Με το σχέδιο", "attachment": [str(pending["id"])]},
    )
    assert reply.status_code == 302
    with app.app_context():
        attachment = db.session.get(PostAttachment, pending["id"])
        post = db.session.get(Post, attachment.post_id)
        assert post.body == "Με το σχέδιο"
    page = browser.get(reply.headers["Location"]).text
    assert "σχέδιο.png" in page


def test_another_member_s_pending_id_is_refused(member, seed, app, uploads):
    owner, thief = member(), member()
    topic_id = seed(lambda: make_topic(make_category()).id)
    pending = upload_pending(owner, pdf_bytes(), "private.pdf").get_json()
    response = thief.post(
        f"/forums/t/{topic_id}/reply",
        data={"body": "Κλεμμένο", "attachment": [str(pending["id"])]},
    )
    assert response.status_code == 400
    assert "A file you added is no longer available" in response.text
    assert "Κλεμμένο" in response.text
    with app.app_context():
        assert db.session.get(PostAttachment, pending["id"]).post_id is None
        assert db.session.scalar(select(func.count(Post.id))) == 1


def test_an_attached_pending_id_cannot_be_attached_again(member, seed, uploads):
    browser = member()
    topic_id = seed(lambda: make_topic(make_category()).id)
    pending = upload_pending(browser, png_bytes(), "a.png").get_json()
    data = {"body": "Πρώτη", "attachment": [str(pending["id"])]}
    assert browser.post(f"/forums/t/{topic_id}/reply", data=data).status_code == 302
    data = {"body": "Δεύτερη", "attachment": [str(pending["id"])]}
    assert browser.post(f"/forums/t/{topic_id}/reply", data=data).status_code == 400


@pytest.mark.parametrize(
    ("data", "name", "status"),
    [(HTML, "page.pdf", 400), (b"", "empty.pdf", 400), (b"MZ\x90\x00", "tool.exe", 400)],
)
def test_the_json_upload_refuses_what_the_gate_refuses(member, app, uploads, data, name, status):
    response = upload_pending(member(), data, name)
    assert response.status_code == status
    assert response.is_json and response.get_json()["message"]
    assert files_in(uploads) == []
    with app.app_context():
        assert db.session.scalar(select(func.count(StoredFile.id))) == 0


def test_the_json_upload_needs_the_csrf_token_and_a_file(member, uploads):
    browser = member()
    response = browser.post(
        "/forums/attachments",
        data={"file": part(png_bytes(), "a.png")},
        content_type="multipart/form-data",
        headers=JSON,
        csrf=False,
    )
    assert response.status_code == 400
    response = browser.post(
        "/forums/attachments", headers={**JSON, "X-CSRFToken": browser.csrf_token()}, csrf=False
    )
    assert response.status_code == 400 and "Choose a file" in response.get_json()["message"]
    assert files_in(uploads) == []


def test_files_open_for_readers_with_safe_headers(member, seed, app, uploads):
    author = member()
    _, _, (image, pdf) = posted_with_files(seed, author)
    reader = member("supervisor")
    response = reader.get(f"/forums/attachments/{pdf}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    image_response = reader.get(f"/forums/attachments/{image}")
    assert image_response.headers["Content-Disposition"].startswith("inline")
    # The thumbnail: 404 until the job has made it, then a WebP.
    assert reader.get(f"/forums/attachments/{image}/thumbnail").status_code == 404
    with app.app_context():
        stored_id = db.session.get(PostAttachment, image).stored_file_id
        storage_jobs.make_thumbnail(stored_id)
    thumbnail = reader.get(f"/forums/attachments/{image}/thumbnail")
    assert thumbnail.status_code == 200 and thumbnail.mimetype == "image/webp"


def test_a_restricted_category_s_files_are_404_for_others(member, seed, uploads):
    trainer = member("trainer")
    topic_id, _, ids = seed_restricted(seed, trainer)
    mediator = member()
    assert mediator.get(f"/forums/t/{topic_id}").status_code == 404
    for attachment_id in ids:
        assert mediator.get(f"/forums/attachments/{attachment_id}").status_code == 404
        assert mediator.get(f"/forums/attachments/{attachment_id}/thumbnail").status_code == 404
        assert member("admin").get(f"/forums/attachments/{attachment_id}").status_code == 200


def seed_restricted(seed, author):
    def create():
        topic = make_topic(make_category(visible_to="trainer,admin"), author=account(author))
        post = db.session.scalar(select(Post).where(Post.topic_id == topic.id))
        files = services.NewFiles(uploads=[storage_upload(pdf_bytes(), "a.pdf")])
        services.edit_post(db.session, post=post, editor=account(author), body="x", files=files)
        ids = db.session.scalars(select(PostAttachment.id)).all()
        return topic.id, post.id, list(ids)

    return seed(create)


def test_a_hidden_post_s_files_are_404_for_members_not_moderators(member, seed, app, uploads):
    author = member()
    _, post_id, ids = posted_with_files(seed, author)
    trainer = member("trainer")

    def hide():
        post = db.session.get(Post, post_id)
        services.hide_post(db.session, post, actor=account(trainer), reason="Προσωπικά")

    seed(hide)
    for attachment_id in ids:
        assert author.get(f"/forums/attachments/{attachment_id}").status_code == 404
        assert member().get(f"/forums/attachments/{attachment_id}").status_code == 404
        assert trainer.get(f"/forums/attachments/{attachment_id}").status_code == 200


def test_a_deleted_post_s_files_are_404_and_gone_from_the_page(member, seed, uploads):
    author = member()
    topic_id, post_id, ids = posted_with_files(seed, author)
    page = author.get(f"/forums/t/{topic_id}").text
    assert "Οδηγός.pdf" in page
    assert author.post(f"/forums/p/{post_id}/delete").status_code == 302
    assert "Οδηγός.pdf" not in author.get(f"/forums/t/{topic_id}").text
    for attachment_id in ids:
        assert author.get(f"/forums/attachments/{attachment_id}").status_code == 404
        assert member().get(f"/forums/attachments/{attachment_id}").status_code == 404
        # Moderators, who may still read a deleted post's history, may open its files.
        assert member("trainer").get(f"/forums/attachments/{attachment_id}").status_code == 200


def test_guessed_ids_are_404(member, seed, uploads, client):
    author = member()
    _, _, ids = posted_with_files(seed, author)
    for guess in (max(ids) + 1, 999_999, 0):
        assert author.get(f"/forums/attachments/{guess}").status_code == 404
        assert author.get(f"/forums/attachments/{guess}/thumbnail").status_code == 404
    # Signed out: sent to sign in, never the file.
    assert client.get(f"/forums/attachments/{ids[0]}").status_code == 302


def test_old_pending_uploads_are_purged_with_their_files(member, app, uploads):
    browser = member()
    old = upload_pending(browser, png_bytes(), "old.png").get_json()["id"]
    new = upload_pending(browser, png_bytes(), "new.png").get_json()["id"]
    with app.app_context():
        db.session.get(PostAttachment, old).created_at = utcnow() - timedelta(days=2)
        db.session.commit()
        assert forum_jobs.purge_pending_attachments() == 1
        assert db.session.get(PostAttachment, old) is None
        assert db.session.get(PostAttachment, new) is not None
        assert db.session.scalar(select(func.count(StoredFile.id))) == 1
    assert len(files_in(uploads)) == 1


def test_pending_uploads_are_capped_per_person(member, app, uploads):
    browser = member()
    app.config["FORUM_ATTACHMENTS_MAX"] = 1  # 4 posts' worth: 4 pending uploads
    try:
        for number in range(4):
            assert upload_pending(browser, png_bytes(), f"{number}.png").status_code == 201
        refused = upload_pending(browser, png_bytes(), "5.png")
        assert refused.status_code == 429 and "too many files" in refused.get_json()["message"]
        assert upload_pending(member(), png_bytes(), "other.png").status_code == 201
    finally:
        app.config["FORUM_ATTACHMENTS_MAX"] = 5
    assert len(files_in(uploads)) == 5
