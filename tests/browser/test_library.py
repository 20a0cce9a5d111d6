"""The library in Chromium: a trainer uploads two files at once and sees each one's
progress bar move while a third, refused, is reported and the others finish; a PDF is
previewed in the page by PDF.js without breaking the CSP; a mediator on a phone finds an
item by a Greek word inside its PDF typed without accents, opens it and downloads it."""

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from tests.browser.helpers import sign_in
from tests.core.storage_files import pdf_bytes
from tests.library.factories import make_file_item

pytestmark = pytest.mark.browser

LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
# Every value each <progress> of the uploader takes (the bars reflect .value to the attribute).
RECORD_PROGRESS = """
window.progressValues = {};
new MutationObserver((changes) => {
  for (const change of changes) {
    const bar = change.target;
    if (bar.tagName === "PROGRESS") {
      (window.progressValues[bar.getAttribute("aria-label")] ||= []).push(Number(bar.value));
    }
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["value"] });
"""


@pytest.fixture
def watched(new_page):
    def open_page(**options):
        page = new_page(**options)
        page.add_init_script(LISTEN)
        return page

    return open_page


def test_a_trainer_uploads_two_files_with_progress_and_one_refused_file_reported(
    watched, user_of, tmp_path
):
    trainer = user_of("trainer")
    big = tmp_path / "Οδηγός μετανάστευσης.pdf"
    big.write_bytes(pdf_bytes("Μετανάστευση και άσυλο. " * 12000))
    small = tmp_path / "σημειώσεις.txt"
    small.write_text("Σημειώσεις της συνάντησης\n" * 2000, encoding="utf-8")
    refused = tmp_path / "page.pdf"
    refused.write_bytes(b"<html><body><script>alert(1)</script></body></html>")
    page = watched(locale="en-GB")
    sign_in(page, trainer.email)
    page.goto("/library/new?lang=en")
    page.evaluate(RECORD_PROGRESS)
    # A slow connection, so that the bars have time to move.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 400_000},
    )
    page.locator("#files").set_input_files([str(big), str(refused), str(small)])
    page.locator("main form button[type=submit]").click()
    rows = page.locator(".upload-row")
    expect(rows).to_have_count(3)
    expect(page.locator(".upload-refused")).to_have_count(1, timeout=20_000)
    expect(page.locator(".upload-refused")).to_contain_text("page.pdf")
    expect(page.locator(".upload-done")).to_have_count(2, timeout=30_000)
    expect(page.locator(".upload-summary")).to_contain_text("2 of 3")
    values = page.evaluate("() => window.progressValues")
    moving = values[big.name]
    assert moving[-1] == 100
    assert any(0 < value < 100 for value in moving), moving  # seen part way
    page.locator(".upload-done a").first.click()
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate("() => window.cspViolations") == []


def test_a_pdf_is_previewed_in_the_page_without_breaking_the_csp(app, watched, user_of):
    mediator = user_of("mediator")
    with app.app_context():
        item_id = make_file_item(pdf_bytes("Διαδικασία ασύλου " * 40), "asylo.pdf").id
        db.session.commit()
    page = watched()
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, mediator.email)
    page.goto(f"/library/items/{item_id}")
    preview = page.locator("[data-pdf-preview]")
    expect(preview).to_have_attribute("data-pdf-rendered", "1", timeout=20_000)
    canvas = preview.locator("canvas.pdf-page")
    expect(canvas).to_have_count(1)
    assert canvas.evaluate("(c) => c.width > 200 && c.height > 200")
    # Something was drawn: not every pixel is the same.
    drawn = canvas.evaluate(
        """(c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 4; i < d.length; i += 4) { if (d[i] !== d[0]) return true; }
            return false; }"""
    )
    assert drawn
    assert page.evaluate("() => window.cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text]


def test_a_mediator_on_a_phone_finds_a_pdf_by_a_word_inside_it_and_downloads_it(
    app, watched, user_of, worker
):
    mediator = user_of("mediator")
    data = pdf_bytes("Οδηγίες για τη Μετανάστευση και την υποδοχή")
    with app.app_context():
        item_id = make_file_item(data, "odigies.pdf", title="Οδηγίες υποδοχής").id
        db.session.commit()
    worker.drain()  # the text of the PDF is extracted and indexed
    page = watched(phone=True)
    sign_in(page, mediator.email)
    page.goto("/library/")
    page.locator("#q").fill("μεταναστευση")
    page.locator("#q").press("Enter")
    result = page.locator(".library-row a", has_text="Οδηγίες υποδοχής")
    expect(result).to_be_visible()
    expect(page.locator(".library-passage mark")).to_have_text("Μετανάστευση")
    result.click()
    expect(page).to_have_url(f"{page.url.split('/library')[0]}/library/items/{item_id}")
    download_button = page.locator("main a[download]").first
    assert download_button.bounding_box()["width"] <= 375
    with page.expect_download() as event:
        download_button.click()
    download = event.value
    assert download.suggested_filename == "odigies.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == data
    assert page.evaluate("() => window.cspViolations") == []


def test_a_file_over_the_limit_is_refused_before_it_is_sent_and_an_upload_can_be_cancelled(
    app, watched, user_of, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 3 * 1024 * 1024)
    trainer = user_of("trainer")
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * (4 * 1024 * 1024))
    slow = tmp_path / "slow.txt"
    slow.write_bytes(b"y" * (2 * 1024 * 1024))
    page = watched(locale="en-GB")
    sign_in(page, trainer.email)
    page.goto("/library/new?lang=en")
    expect(page.locator("#files-hint")).to_contain_text("Up to 3 MB each")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 50_000},
    )
    page.locator("#files").set_input_files([str(large), str(slow)])
    page.locator("main form button[type=submit]").click()
    refused = page.locator(".upload-refused")
    expect(refused).to_contain_text("larger than 3 MB")
    expect(refused.locator("progress")).to_have_attribute("value", "0")
    cancel = page.locator(".upload-row", has_text="slow.txt").locator(".upload-cancel")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.upload-row progress')].some((b) => b.value > 0)"
    )
    cancel.click()
    expect(page.locator(".upload-cancelled")).to_contain_text("Cancelled")
    expect(page.locator(".upload-summary")).to_contain_text("0 of 2")
    with app.app_context():
        from mediator_portal.library.models import LibraryItem

        assert db.session.query(LibraryItem).count() == 0
