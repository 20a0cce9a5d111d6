"""The styleguide (/admin/styleguide): administrators see every macro rendered, in Greek
and in English; other roles are refused and anonymous visitors are sent to sign in."""

import re

import pytest

from tests.browser.helpers import translated

URL = "/admin/styleguide"
# Each macro leaves its GOV.GR mark on the page.
MARKS = (
    'class="govgr-error-summary"',
    'class="govgr-error-message"',
    'class="govgr-field govgr-field__error"',
    'class="govgr-btn govgr-btn-primary"',
    'class="govgr-btn govgr-btn-secondary"',
    'class="govgr-btn govgr-btn-warning"',
    'class="govgr-summary-list"',
    'class="govgr-table data stack"',
    'class="govgr-notification-banner"',
    "govgr-notification-banner--success",
    'class="govgr-breadcrumbs breadcrumbs"',
    'class="govgr-pagination pagination"',
    'class="govgr-tabs"',
    "govgr-card",
    "govgr-checkboxes__input",
    "govgr-radios__input",
)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_admins_see_every_macro_in_their_language(app, admin, lang):
    page = admin.get(URL, query_string={"lang": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    for mark in MARKS:
        assert mark in page.text, mark
    title = translated(app, "Styleguide", lang)
    assert f"<h1>{title}</h1>" in page.text
    # The sample form's errors sit beside their fields and are linked from the summary.
    assert 'aria-describedby="name-hint name-error"' in page.text
    assert 'href="#name"' in page.text and 'href="#languages-0"' in page.text
    assert re.search(r'id="email"[^>]*value="not-an-address"', page.text)  # the value is kept


@pytest.mark.parametrize("role", ["mediator", "trainer", "supervisor"])
def test_other_roles_are_refused(logged_in, role):
    assert logged_in(role).get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
