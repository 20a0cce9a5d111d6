"""The admin pages in Chromium: no serious axe-core violation (desktop and phone, Greek and
English), and an invitation made by clicking through the form."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from tests.browser.axe import assert_accessible, preload_axe
from tests.factories import DEFAULT_PASSWORD, make_failed_job

pytestmark = pytest.mark.browser


def signed_in(new_page, user, *, phone: bool = False):
    page = new_page(phone=phone)
    preload_axe(page)
    page.goto("/auth/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))
    return page


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_admin_pages_are_accessible(app, new_page, user_of, places, phone):
    admin = user_of("admin", name="Διαχειριστής Πύλης")
    with app.app_context():
        make_failed_job()
        make_failed_job(retried_at=utcnow(), retried_by_id=admin.id)
        db.session.commit()
    person = user_of("mediator", name="Αθηνά Παππά", password=None)
    page = signed_in(new_page, admin, phone=phone)
    paths = [
        "/admin/users",
        "/admin/users?q=zzz",
        "/admin/users/new",
        f"/admin/users/{person.id}",
        "/admin/regions",
        "/admin/regions/new",
        f"/admin/municipalities/{places['athens']}",
        "/admin/audit",
        "/admin/audit?since=nonsense",
        "/admin/jobs",
    ]
    for locale in ("el", "en"):
        for path in paths:
            separator = "&" if "?" in path else "?"
            response = page.goto(f"{path}{separator}lang={locale}")
            assert response.status == 200, path
            assert_accessible(page)


def test_invite_by_clicking_through_the_form(new_page, user_of, places):
    admin = user_of("admin", name="Διαχειριστής Πύλης")
    page = signed_in(new_page, admin)
    page.goto("/admin/users?lang=en")
    page.get_by_role("link", name="Invite a person").click()
    page.get_by_label("Full name").fill("Αμίνα Χασάν")
    page.get_by_label("E-mail").fill("amina@example.org")
    page.get_by_label("Role").select_option("supervisor")
    page.get_by_label("Municipality").select_option(label="Piraeus")
    page.get_by_label("Arabic").check()
    page.get_by_role("button", name="Create the account and send the invitation").click()
    expect(page.locator(".flashes")).to_contain_text("amina@example.org")
    expect(page.locator("table.data")).to_contain_text("Αμίνα Χασάν")
    page.get_by_role("link", name="Αμίνα Χασάν").click()
    page.get_by_role("button", name="Deactivate and sign out everywhere").click()
    expect(page.locator(".flashes")).to_contain_text("has been deactivated")
