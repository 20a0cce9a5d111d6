"""Attaching files to posts without JavaScript: the reply, new-topic and edit forms take
images and PDFs through the upload gate, in the post's own transaction; a refused file
keeps the text, stores nothing (no file, no row) and says why, file by file."""

import io

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.forums.models import Post, PostAttachment, Topic
from mediator_portal.storage import StoredFile
from tests.core.storage_files import HTML, files_in, pdf_bytes, png_bytes
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def part(data: bytes, name: str):
    return (io.BytesIO(data), name)


@pytest.fixture
def board(seed):
    def create():
        category = make_category(name_en="Exchange")
        topic = make_topic(category, title="Υλικό", body="Πρώτο")
        return {"category": category.id, "topic": topic.id}

    return seed(create)


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def attachments_of(app, post_id: int) -> list[tuple[str, str, int]]:
    with app.app_context():
        found = db.session.execute(
            select(StoredFile.original_name, StoredFile.kind, PostAttachment.position)
            .join(StoredFile, StoredFile.id == PostAttachment.stored_file_id)
            .where(PostAttachment.post_id == post_id)
            .order_by(PostAttachment.position)
        )
        return [tuple(row) for row in found]


def last_post_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(Post.id)))


def test_a_reply_attaches_an_image_and_a_pdf(member, board, app, uploads):
    browser = member()
    response = browser.post(
        f"/forums/t/{board['topic']}/reply",
        data={
            "body": "Δείτε τα συνημμένα",
            "files": [part(png_bytes(), "χάρτης.png"), part(pdf_bytes(), "Οδηγός.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    post_id = last_post_id(app)
    assert attachments_of(app, post_id) == [("χάρτης.png", "image", 0), ("Οδηγός.pdf", "pdf", 1)]
    page = browser.get(response.headers["Location"]).text
    assert "Οδηγός.pdf" in page and "χάρτης.png" in page
    assert len(files_in(uploads)) == 2


def test_a_new_topic_attaches_a_file(member, board, app, uploads):
    browser = member()
    response = browser.post(
        f"/forums/c/{board['category']}/new",
        data={"title": "Έντυπα", "body": "Το έντυπο", "files": [part(pdf_bytes(), "form.pdf")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.title == "Έντυπα"))
        assert attachments_of(app, topic.last_post_id) == [("form.pdf", "pdf", 0)]


def test_an_empty_file_field_attaches_nothing(member, board, app, uploads):
    browser = member()
    response = browser.post(
        f"/forums/t/{board['topic']}/reply",
        data={"body": "Χωρίς αρχεία", "files": [part(b"", "")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert rows(app, PostAttachment) == 0 and files_in(uploads) == []


def test_editing_removes_one_file_and_adds_another(member, board, app, uploads):
    browser = member()
    browser.post(
        f"/forums/t/{board['topic']}/reply",
        data={"body": "Αρχικό", "files": [part(png_bytes(), "a.png"), part(pdf_bytes(), "b.pdf")]},
        content_type="multipart/form-data",
    )
    post_id = last_post_id(app)
    with app.app_context():
        first = db.session.scalar(
            select(PostAttachment.id).where(
                PostAttachment.post_id == post_id, PostAttachment.position == 0
            )
        )
    form = browser.get(f"/forums/p/{post_id}/edit").text
    assert "Remove a.png" in form and "Remove b.pdf" in form
    response = browser.post(
        f"/forums/p/{post_id}/edit",
        data={
            "body": "Αρχικό",
            "remove_attachment": [str(first)],
            "files": [part(png_bytes(color=(0, 0, 200)), "c.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert attachments_of(app, post_id) == [("b.pdf", "pdf", 1), ("c.png", "image", 2)]
    assert len(files_in(uploads)) == 2  # a.png's file deleted after the commit


def test_someone_else_s_attachment_cannot_be_removed_through_my_edit(member, board, app, uploads):
    owner, other = member(), member()
    owner.post(
        f"/forums/t/{board['topic']}/reply",
        data={"body": "Του κατόχου", "files": [part(png_bytes(), "a.png")]},
        content_type="multipart/form-data",
    )
    theirs = last_post_id(app)
    other.post(f"/forums/t/{board['topic']}/reply", data={"body": "Δικό μου"})
    mine = last_post_id(app)
    with app.app_context():
        their_file = db.session.scalar(select(PostAttachment.id))
    response = other.post(
        f"/forums/p/{mine}/edit",
        data={"body": "Δικό μου", "remove_attachment": [str(their_file)]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422  # not one of the choices of this post
    assert len(attachments_of(app, theirs)) == 1


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("page.pdf", HTML, 400, "page.pdf:"),
        ("notes.docx", b"PK\x03\x04", 400, "Files of type .docx are not accepted here"),
        ("empty.png", b"", 400, "empty.png:"),
    ],
)
def test_a_refused_file_keeps_the_text_and_stores_nothing(
    member, board, app, uploads, name, data, status, reason
):
    browser = member()
    before = rows(app, Post)
    response = browser.post(
        f"/forums/t/{board['topic']}/reply",
        data={
            "body": "Το κείμενο που έγραψα",
            "files": [part(png_bytes(), "good.png"), part(data, name)],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == status
    assert "Το κείμενο που έγραψα" in response.text
    assert "Some files cannot be attached, so nothing was posted." in response.text
    assert reason in response.text
    assert "good.png" not in response.text  # only the refused file is named
    assert rows(app, Post) == before
    assert rows(app, PostAttachment) == 0 and rows(app, StoredFile) == 0
    assert files_in(uploads) == []  # good.png, written first, is gone with the rollback


def test_a_file_over_the_size_limit_is_413_with_the_text_kept(member, board, app, uploads):
    app.config["UPLOAD_MAX_BYTES"], saved = 1000, app.config["UPLOAD_MAX_BYTES"]
    try:
        response = member().post(
            f"/forums/t/{board['topic']}/reply",
            data={"body": "Μεγάλο", "files": [part(pdf_bytes() + b"%" * 2000, "big.pdf")]},
            content_type="multipart/form-data",
        )
    finally:
        app.config["UPLOAD_MAX_BYTES"] = saved
    assert response.status_code == 413
    assert "big.pdf:" in response.text and "Μεγάλο" in response.text
    assert files_in(uploads) == [] and rows(app, StoredFile) == 0


def test_more_files_than_the_limit_are_refused(member, board, app, uploads):
    app.config["FORUM_ATTACHMENTS_MAX"] = 2
    try:
        response = member().post(
            f"/forums/t/{board['topic']}/reply",
            data={
                "body": "Τρία αρχεία",
                "files": [part(png_bytes(), f"{n}.png") for n in range(3)],
            },
            content_type="multipart/form-data",
        )
    finally:
        app.config["FORUM_ATTACHMENTS_MAX"] = 5
    assert response.status_code == 400
    assert "A post can have at most 2 files." in response.text
    assert "Τρία αρχεία" in response.text
    assert files_in(uploads) == [] and rows(app, StoredFile) == 0


def test_the_limit_counts_the_files_a_post_already_has(member, board, app, uploads):
    browser = member()
    browser.post(
        f"/forums/t/{board['topic']}/reply",
        data={"body": "Δύο", "files": [part(png_bytes(), "1.png"), part(png_bytes(), "2.png")]},
        content_type="multipart/form-data",
    )
    post_id = last_post_id(app)
    app.config["FORUM_ATTACHMENTS_MAX"] = 2
    try:
        response = browser.post(
            f"/forums/p/{post_id}/edit",
            data={"body": "Δύο", "files": [part(png_bytes(), "3.png")]},
            content_type="multipart/form-data",
        )
    finally:
        app.config["FORUM_ATTACHMENTS_MAX"] = 5
    assert response.status_code == 400
    assert len(attachments_of(app, post_id)) == 2 and len(files_in(uploads)) == 2


def test_the_attachment_field_is_in_every_writing_form(member, board, app):
    browser = member()
    with app.app_context():
        post_id = db.session.scalar(select(Post.id))
    for url in (
        f"/forums/t/{board['topic']}",
        f"/forums/t/{board['topic']}/reply",
        f"/forums/c/{board['category']}/new",
    ):
        page = browser.get(url).text
        assert 'enctype="multipart/form-data"' in page
        assert 'type="file" multiple name="files"' in page
    trainer = member("trainer")
    assert trainer.get(f"/forums/p/{post_id}/edit").status_code == 403  # not the author's
