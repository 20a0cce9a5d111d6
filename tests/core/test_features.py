"""Features register themselves: blueprint, audit actions, navigation and demo data come from
each package's `feature`, and the navigation shows each person what their role may open."""

import pytest

from mediator_portal import audit
from mediator_portal.features import FEATURES, Feature, features, load_features


def test_every_feature_declares_itself_and_is_wired(app):
    declared = load_features()
    assert [feature.name for feature in declared] == list(FEATURES)
    with app.app_context():
        assert [feature.name for feature in features()] == list(FEATURES)
    for feature in declared:
        assert isinstance(feature, Feature)
        assert app.blueprints[feature.name] is feature.blueprint


def test_audit_actions_come_from_the_features(app):
    assert audit.ACTIONS["user.role"] and audit.ACTIONS["forum.topic.lock"]
    declared = {action for feature in load_features() for action in feature.audit_actions}
    assert declared == set(audit.ACTIONS)


@pytest.mark.parametrize(
    ("role", "administration"),
    [("mediator", False), ("supervisor", False), ("trainer", False), ("admin", True)],
)
def test_navigation_shows_what_the_role_may_open(logged_in, role, administration):
    page = logged_in(role).get("/?lang=en").text
    for label in ("Home", "Message board", "My profile"):
        assert f">{label}</a>" in page
    assert (">Administration</a>" in page) is administration


def test_the_current_section_is_marked_in_the_navigation(logged_in):
    page = logged_in("mediator").get("/forums/?lang=en").text
    assert 'aria-current="page">Message board</a>' in page


def test_home_panels_are_a_registry_filtered_by_permission(app, user_of):
    from mediator_portal.features import home_panels

    mediator, trainer = user_of("mediator"), user_of("trainer")
    with app.test_request_context():
        names = [panel.name for panel in home_panels(mediator)]
        assert names == [
            "forums.unread", "forums.latest", "forums.drafts", "training.next_session",
            "library.new", "training.answers", "supervision.next",
        ]  # fmt: skip
        # Supervision's panel is for those who book or publish supervision.
        assert [panel.name for panel in home_panels(trainer)] == names[:-1]


def test_only_one_entry_is_current_when_an_entry_has_its_own_page(logged_in):
    page = logged_in("trainer").get("/forums/reports?lang=en").text
    assert page.count('aria-current="page"') == 1
    assert 'aria-current="page">Reports' in page


def test_visitors_get_no_navigation_counts(app, client):
    from flask_login import AnonymousUserMixin

    from mediator_portal.features import page_counts

    with app.test_request_context():
        assert page_counts(AnonymousUserMixin()) == {}
    assert "nav-count" not in client.get("/auth/login").text
