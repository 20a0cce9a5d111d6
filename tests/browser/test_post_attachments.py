"""Attaching files in the composer, in Chromium: a picked file and a dragged one upload at
once with a progress bar (percent, Cancel), the reply is posted with them, the image shows
as a thumbnail under the post; a cancelled upload goes away, a refused one says why. axe-core
finds nothing serious on the topic page with attachments, and the CSP is never broken."""

import base64
import contextlib
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from mediator_portal import storage_jobs
from mediator_portal.extensions import db
from mediator_portal.forums.models import PostAttachment
from mediator_portal.storage import StoredFile
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.forum_helpers import board, open_topic, reply_box
from tests.core.storage_files import HTML, pdf_bytes, png_bytes

pytestmark = pytest.mark.browser
__all__ = ["board"]  # the fixture

LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
DROP = """
({name, data, type}) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type}));
  const field = document.querySelector("form[data-topic-last] [data-attachments]");
  for (const kind of ["dragover", "drop"]) {
    const options = {dataTransfer: transfer, bubbles: true, cancelable: true};
    field.dispatchEvent(new DragEvent(kind, options));
  }
}
"""


def file_payload(name: str, data: bytes, mime: str) -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


@pytest.fixture
def watched(new_page):
    page = new_page(locale="en-GB")
    page.add_init_script(LISTEN)
    preload_axe(page)
    return page


def held_uploads(page) -> list:
    """Hold the composer's uploads until the test lets them go (`route.continue_()`)."""
    held = []
    page.route("**/forums/attachments", lambda route: held.append(route))
    return held


def wait_until_held(page, held: list) -> None:
    """Let Playwright deliver the held request to the test (events are pumped while waiting)."""
    for _ in range(400):
        if held:
            return
        page.wait_for_timeout(25)
    raise AssertionError("the upload never reached the server")


def test_pick_and_drag_files_post_them_and_see_the_thumbnail(app, board, watched):
    page = watched
    open_topic(page, board.omid, board.topic)
    form = page.locator("form[data-topic-last]")
    expect(form.locator("[data-attachment-drop]")).to_be_visible()
    held = held_uploads(page)

    form.locator('input[type="file"]').set_input_files(
        file_payload("χάρτης.png", png_bytes(size=(640, 320)), "image/png")
    )
    item = form.locator("[data-attachment-item]").first
    expect(item.locator("progress")).to_be_visible()
    expect(item.locator(".attachment-percent")).to_have_text(re.compile(r"^\d+%$"))
    expect(item.get_by_role("button", name="Cancel")).to_be_visible()
    wait_until_held(page, held)
    held[0].continue_()
    expect(item.locator('input[name="attachment"]')).to_have_count(1)
    expect(item.locator("progress")).to_have_count(0)
    expect(form.locator("[data-attachment-status]")).to_have_text("χάρτης.png is attached.")

    page.unroute("**/forums/attachments")
    page.evaluate(
        DROP,
        {
            "name": "Οδηγός.pdf",
            "data": base64.b64encode(pdf_bytes()).decode(),
            "type": "application/pdf",
        },
    )
    expect(form.locator('input[name="attachment"]')).to_have_count(2)

    reply_box(page).fill("Ο χάρτης και ο οδηγός")
    form.get_by_role("button", name="Post the reply").click()
    post = page.locator("article.post", has_text="Ο χάρτης και ο οδηγός")
    expect(post.locator(".post-attachment")).to_have_count(2)
    expect(post.get_by_role("link", name="Οδηγός.pdf")).to_be_visible()

    with app.app_context():
        image = db.session.scalar(
            select(StoredFile.id)
            .join(PostAttachment, PostAttachment.stored_file_id == StoredFile.id)
            .where(StoredFile.kind == "image")
        )
        storage_jobs.make_thumbnail(image)
    page.reload()
    thumbnail = page.locator("article.post img.attachment-thumbnail")
    expect(thumbnail).to_be_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('img.attachment-thumbnail');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    assert_accessible(page)
    assert page.evaluate("() => window.cspViolations") == []
    # The edit form lists the post's files with a "Remove" checkbox each.
    post.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Remove Οδηγός.pdf")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("() => window.cspViolations") == []


def test_a_cancelled_upload_goes_away_and_a_refused_one_says_why(app, board, watched):
    page = watched
    open_topic(page, board.omid, board.topic)
    form = page.locator("form[data-topic-last]")
    held = held_uploads(page)
    picker = form.locator('input[type="file"]')
    picker.set_input_files(file_payload("big.png", png_bytes(), "image/png"))
    item = form.locator("[data-attachment-item]").first
    expect(item.locator("progress")).to_be_visible()
    item.get_by_role("button", name="Cancel").click()
    expect(form.locator("[data-attachment-item]")).to_have_count(0)
    expect(form.locator("[data-attachment-status]")).to_contain_text("was cancelled")
    wait_until_held(page, held)
    for route in held:
        with contextlib.suppress(Exception):  # the browser may have dropped it already
            route.abort()

    page.unroute("**/forums/attachments")
    picker.set_input_files(file_payload("page.pdf", HTML, "application/pdf"))
    refused = form.locator("[data-attachment-item].is-failed")
    expect(refused).to_contain_text("page.pdf could not be attached")
    expect(form.locator('input[name="attachment"]')).to_have_count(0)
    assert_accessible(page)
    assert page.evaluate("() => window.cspViolations") == []
    with app.app_context():
        assert db.session.scalar(select(PostAttachment.id)) is None
