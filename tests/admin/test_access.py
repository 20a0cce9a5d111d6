"""Only administrators use the admin area; anonymous visitors are sent to sign in."""

import pytest

from mediator_portal.extensions import db
from tests.conftest import ROLES
from tests.factories import make_failed_job


@pytest.fixture
def admin_urls(app, user_of, places):
    """(method, url) of every admin route, with ids of objects that exist."""
    target = user_of("mediator")
    with app.app_context():
        failure = make_failed_job()
        db.session.commit()
        failure_id = failure.id
    ids = {
        "failure_id": failure_id,
        "user_id": target.id,
        "region_id": places["attica"],
        "municipality_id": places["athens"],
        "place_id": places["attica"],
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            values = {name: ids[name] for name in rule.arguments if name in ids}
            url = rule.build({**rule.defaults, **values} if rule.defaults else values)[1]
            urls += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    assert len(urls) >= 18
    return urls


@pytest.mark.parametrize("role", [role for role in ROLES if role != "admin"])
def test_other_roles_are_refused_everywhere(logged_in, admin_urls, read_db, role):
    browser = logged_in(role)
    refused = {
        (m, u): browser.open(u, method=m, data={"name": "x"}).status_code for m, u in admin_urls
    }
    assert set(refused.values()) == {403}, refused


def test_anonymous_visitors_are_sent_to_sign_in(client, admin_urls):
    for method, url in admin_urls:
        response = client.open(url, method=method, data={})
        assert response.status_code == 302, url
        assert "/auth/login" in response.headers["Location"]


def test_admins_reach_every_page(admin, admin_urls):
    for method, url in admin_urls:
        assert admin.open(url, method=method, data={}).status_code < 500, url


def test_navigation_links_to_the_admin_area(admin):
    home = admin.get("/")
    assert 'href="/admin/users"' in home.text
    users = admin.get("/admin/users")
    for href in ('href="/admin/users" aria-current="page"', 'href="/admin/regions"'):
        assert href in users.text
    assert 'href="/admin/audit"' in users.text
