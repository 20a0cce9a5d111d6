"""Through the real job queue: an uploaded PDF's text is extracted by the file gate's job,
the library's receiver indexes it, and a search typed without accents finds the item with
its passage; an image gets its thumbnail, served through the item's route."""

import io

import pytest
from PIL import Image

from mediator_portal.extensions import db
from tests.core.storage_files import pdf_bytes
from tests.library.factories import make_file_item

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("uploads")]


def test_a_word_inside_an_uploaded_pdf_is_found_once_the_job_has_run(app, logged_in, worker):
    trainer = logged_in("trainer")
    answer = trainer.post(
        "/library/new",
        data={
            "kind": "file",
            "files": [(io.BytesIO(pdf_bytes("Οδηγός για τη Μετανάστευση και το άσυλο")), "g.pdf")],
            "title": "Οδηγός",
            "section": "0",
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    worker.drain()
    mediator = logged_in("mediator")
    page = mediator.get("/library/?q=μεταναστευση").text
    assert ">Οδηγός</a>" in page
    assert "<mark>Μετανάστευση</mark>" in page
    assert ">Οδηγός</a>" not in mediator.get("/library/?q=ανύπαρκτη").text


def test_an_image_is_previewed_by_its_thumbnail(app, logged_in, worker):
    image = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(image, "JPEG")
    with app.app_context():
        item_id = make_file_item(image.getvalue(), "photo.jpg").id
        db.session.commit()
    worker.drain()
    browser = logged_in("mediator")
    page = browser.get(f"/library/items/{item_id}").text
    assert f"/library/items/{item_id}/versions/1/thumbnail" in page
    thumbnail = browser.get(f"/library/items/{item_id}/versions/1/thumbnail")
    assert thumbnail.status_code == 200 and thumbnail.mimetype == "image/webp"
    assert Image.open(io.BytesIO(thumbnail.data)).width < 1600
