"""The partials other pages include: the watch-level control (a POST form that works without
JavaScript) and the unread badge (correct without JavaScript, wired for the live count)."""

import re

import pytest
from flask import render_template_string

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.factories import make_topic

pytestmark = pytest.mark.database

CONTROL = (
    '{% from "notifications/_watch_control.html" import watch_control with context %}'
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
    assert re.search(r'value="muted"[^>]*\bchecked>', html)
    assert html.count(" checked>") == 1
    assert '<strong data-watch-level="muted">' in html
    assert 'value="watching_first_post"' not in html  # categories only


def test_the_category_control_offers_watching_first_post(app):
    with app.app_context():
        person = make_user("mediator")
        db.session.commit()
        control = services.watch_control(db.session, person, "category", 5)
        with app.test_request_context("/forums/c/5"):
            html = render_template_string(CONTROL, control=control)
    assert 'value="watching_first_post"' in html
    assert re.search(r'value="normal"[^>]*\bchecked>', html)
    assert html.count(" checked>") == 1


def test_the_control_translates_through_the_page_s_catalogue(app, monkeypatch):
    """Its ten labels and hints are msgids translated by the page's bound gettext: Flask-Babel
    is asked for the catalogue once per page (the context processor), not once per text."""
    import flask_babel

    asked = []
    original = flask_babel.Domain.get_translations

    def counting(self):
        asked.append(self)
        return original(self)

    with app.app_context():
        person = make_user("mediator")
        db.session.commit()
        control = services.watch_control(db.session, person, "category", 5)
        assert all(type(text) is str for choice in control.choices for text in choice)
        monkeypatch.setattr(flask_babel.Domain, "get_translations", counting)
        with app.test_request_context("/forums/c/5?lang=el"):
            html = render_template_string(CONTROL, control=control)
    assert len(asked) == 1
    assert "Ειδοποιήσεις:" in html and "Παρακολουθώ τα νέα θέματα" in html


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
