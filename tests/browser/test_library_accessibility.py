"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the library's pages
(the list with a search, an item with versions and a preview, the forms, the sections), in
Greek and in English, for a trainer and for a mediator on a phone."""

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from mediator_portal.library import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import sign_in
from tests.core.storage_files import pdf_bytes
from tests.library.factories import make_file_item, make_link, make_section, upload

pytestmark = pytest.mark.browser


@pytest.fixture
def shelf(app, user_of):
    trainer = user_of("trainer")
    with app.app_context():
        from mediator_portal.accounts.models import User

        actor = db.session.get(User, trainer.id)
        section = make_section("Νομικό πλαίσιο", actor=actor, name_en="Legal framework")
        item = make_file_item(
            pdf_bytes("Μετανάστευση"),
            "nomos.pdf",
            actor=actor,
            section=section.id,
            tags="νόμος, άσυλο",
            languages=["el", "ar"],
            description="Ο **νόμος** για το άσυλο.",
        )
        services.replace_file(
            db.session,
            item,
            upload(pdf_bytes("Νέα έκδοση"), "nomos-2.pdf"),
            actor=actor,
            note="Νέα",
        )
        link = make_link("Καταγραφή", actor=actor, section=section.id, visible_to=["trainer"])
        db.session.commit()
        return trainer, section.id, item.id, link.id


@pytest.mark.parametrize("locale", ("el", "en"))
def test_library_pages_for_a_trainer(new_page, shelf, locale):
    trainer, section, item, link = shelf
    page = new_page()
    preload_axe(page)
    sign_in(page, trainer.email)
    for path in (
        "/library/",
        "/library/?q=μεταναστευση",
        f"/library/?section={section}&tag=νομος",
        f"/library/items/{item}",
        f"/library/items/{item}/versions/1",
        f"/library/items/{link}",
        "/library/new",
        f"/library/items/{item}/edit",
        f"/library/items/{item}/replace",
        f"/library/items/{item}/delete",
        "/library/sections",
        f"/library/sections/{section}/edit",
    ):
        response = page.goto(f"{path}{'&' if '?' in path else '?'}lang={locale}")
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_library_pages_for_a_mediator_on_a_phone(new_page, shelf, user_of, locale):
    _trainer, _section, item, _link = shelf
    mediator = user_of("mediator")
    page = new_page(phone=True)
    preload_axe(page)
    sign_in(page, mediator.email)
    for path in ("/library/", f"/library/items/{item}", "/library/?q=νομος"):
        page.goto(f"{path}{'&' if '?' in path else '?'}lang={locale}")
        assert_accessible(page)
