"""The partials other pages include: the watch-level control (a POST form that works without
JavaScript) and the unread badge (correct without JavaScript, wired for the live count)."""

import pytest
from flask import render_template_string

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.factories import make_topic

pytestmark = pytest.mark.database

CONTROL = (
    '{% from "notifications/_watch_control.html" import watch_control %}'
    "{{ watch_control(control) }}"
)


def test_the_watch_control_posts_the_chosen_level_back_to_the_page(app, client):
    with app.app_context():
        person = make_user("mediator")
        topic = make_topic()
        db.session.commit()
        services.set_watch_level(db.session, person.id, "topic", topic.id, "muted")
        control = services.watch_control(db.session, person, "topic", topic.id)
        with app.test_request_context(f"/forums/t/{topic.id}?page=2"):
            html = render_template_string(CONTROL, control=control)
    assert f'action="/notifications/watch/topic/{topic.id}"' in html
    assert 'name="csrf_token"' in html
    assert f'name="next" value="/forums/t/{topic.id}?page=2"' in html
    assert '<option value="muted" selected>' in html
    assert 'value="watching_first_post"' not in html  # categories only


def test_the_category_control_offers_watching_first_post(app):
    with app.app_context():
        person = make_user("mediator")
        db.session.commit()
        control = services.watch_control(db.session, person, "category", 5)
        with app.test_request_context("/forums/c/5"):
            html = render_template_string(CONTROL, control=control)
    assert '<option value="watching_first_post">' in html
    assert '<option value="normal" selected>' in html


def test_the_badge_shows_the_count_without_javascript(app):
    from mediator_portal.features import NavLink

    def badge(count):
        link = NavLink("/notifications/", "Notifications", False, count, "", "")
        return render_template_string('{% include "notifications/_badge.html" %}', link=link)

    with app.test_request_context("/?lang=en"):
        html, zero = badge(4), badge(0)
    assert 'aria-hidden="true" data-notification-count>4</span>' in html
    assert "(unread: 4)" in html and 'data-text="(unread: {n})"' in html
    assert 'data-count-url="/notifications/unread.json"' in html
    assert "js/notifications.js" in html
    assert 'nav-count is-zero" aria-hidden="true" data-notification-count>0</span>' in zero
