"""One rule for invalid forms, everywhere: an invalid version of every form of the app answers
422 with the message beside the field and the text kept, and writes nothing; a POST button
sent without its CSRF token answers 400. Every POST route of the app is in the table, so a
new form cannot be added without its invalid version."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from mediator_portal.accounts.services import INVITE, RESET, make_token
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.supervision import services as supervision
from mediator_portal.training import services as training
from tests.factories import (
    DEFAULT_PASSWORD,
    make_failed_job,
    make_municipality,
    make_region,
    make_user,
)
from tests.forums.factories import make_category, make_post, make_topic
from tests.library.factories import make_file_item, make_link, make_section
from tests.supervision.factories import athens_day, make_slot, make_team
from tests.supervision.hours_factories import attended, make_period
from tests.training.factories import make_proposal, make_session, make_theme

KEPT = "Κείμενο-που-μένει"  # typed into a field next to the invalid one: must come back


@pytest.fixture
def world(app):
    """Ids and tokens of one of everything a form acts on."""
    with app.app_context():
        admin = make_user("admin")
        author = make_user("mediator", name="Συντάκτρια")
        invited = make_user("mediator", password=None)
        region = make_region()
        place = make_municipality(region)
        category = make_category()
        topic = make_topic(category, author=author)
        post = make_post(topic, author=author)
        report = forums.report_post(db.session, post, reporter=admin, reason="Λόγος")
        failure = make_failed_job()
        theme = make_theme()
        proposal = make_proposal(author, theme=theme)
        training_session = make_session(admin)
        started = make_session(admin)  # under way: its attendance sheet can be marked
        started.starts_at, started.ends_at = utcnow() - timedelta(hours=1), utcnow()
        comment = training.add_comment(db.session, proposal, author=author, body="Σχόλιο")
        section = make_section(actor=admin)
        link = make_link(actor=admin)
        document = make_file_item(actor=admin)
        supervisor, (supervisee,) = make_team(1, admin=admin)
        group = supervision.create_group(
            db.session, supervisor=supervisor, name="Ομάδα", member_ids=[supervisee.id]
        )
        slot = make_slot(supervisor, repeat_until=athens_day(10))
        hours_slot = attended(supervisor, [supervisee])
        hours_mark = supervision.hours_record(db.session, supervisee).lines[0].mark_id
        hours_period = make_period(athens_day(-30), athens_day(30))
        db.session.commit()
        return SimpleNamespace(
            admin=admin.email,
            author=author.email,
            category=category.id,
            topic=topic.id,
            post=post.id,
            report=report.id,
            failure=failure.id,
            region=region.id,
            place=place.id,
            user=author.id,
            invite=make_token(invited, INVITE),
            reset=make_token(author, RESET),
            theme=theme.id,
            proposal=proposal.id,
            comment=comment.id,
            session=training_session.id,
            started=started.id,
            section=section.id,
            link=link.id,
            document=document.id,
            supervisor=supervisor.email,
            supervisee=supervisee.id,
            group=group.id,
            slot=slot.id,
            series=slot.series_id,
            hours_mediator=supervisee.email,
            hours_slot=hours_slot.id,
            hours_mark=hours_mark,
            hours_period=hours_period.id,
        )


def forms_table(w) -> dict:
    """endpoint -> (who posts, url, invalid data). `who`: "admin", "author", "supervisor" or
    None."""
    long, sv = "x" * 5000, "/supervision"
    return {
        "accounts.accept_invitation": (None, f"/auth/invitation/{w.invite}", {"password": "x"}),
        "accounts.change_password": ("author", "/account/password", {"current": "x"}),
        "accounts.forgot_password": (None, "/auth/forgot", {"email": ""}),
        "accounts.login": (None, "/auth/login", {"email": KEPT, "password": ""}),
        "accounts.profile": ("author", "/account/profile", {"name": "", "locale": "el"}),
        "accounts.reset_password": (None, f"/auth/reset/{w.reset}", {"password": "short"}),
        "admin.change_role": ("admin", f"/admin/users/{w.user}/role", {"role": "emperor"}),
        "admin.edit_municipality": ("admin", "/admin/municipalities/new", {"name": KEPT}),
        "admin.edit_region": ("admin", "/admin/regions/new", {"name": "", "name_en": KEPT}),
        "admin.edit_user": ("admin", f"/admin/users/{w.user}", {"name": KEPT, "email": "no"}),
        "admin.invite_user": ("admin", "/admin/users/new", {"name": KEPT, "email": "x"}),
        "forums.admin_edit_category": (
            "admin",
            f"/forums/admin/categories/{w.category}/edit",
            {"name_el": "", "name_en": KEPT},
        ),
        "forums.admin_new_category": (
            "admin",
            "/forums/admin/categories/new",
            {"name_el": "", "name_en": KEPT},
        ),
        "forums.edit_post": ("author", f"/forums/p/{w.post}/edit", {"body": KEPT + "x" * 20001}),
        "forums.hide_post": ("admin", f"/forums/p/{w.post}/hide", {"reason": long}),
        "forums.hide_topic": ("admin", f"/forums/t/{w.topic}/hide", {"reason": " "}),
        "forums.move_topic": ("admin", f"/forums/t/{w.topic}/move", {"category": "999999"}),
        "forums.new_topic": ("author", f"/forums/c/{w.category}/new", {"title": KEPT}),
        "forums.reply": ("author", f"/forums/t/{w.topic}/reply", {"body": "  "}),
        "forums.report_post": ("admin", f"/forums/p/{w.post}/report", {"reason": ""}),
        "forums.resolve_report": ("admin", f"/forums/reports/{w.report}/resolve", {"reason": ""}),
        "library.edit_item": (
            "admin",
            f"/library/items/{w.link}/edit",
            {"title": "", "tags": KEPT, "section": "0"},
        ),
        "library.edit_section": (
            "admin",
            f"/library/sections/{w.section}/edit",
            {"name_el": "", "name_en": KEPT},
        ),
        "library.new_item": ("admin", "/library/new", {"kind": "link", "url": "", "title": KEPT}),
        "library.replace_file": (
            "admin",
            f"/library/items/{w.document}/replace",
            {"note": KEPT},
        ),
        "library.sections": ("admin", "/library/sections", {"name_el": " ", "name_en": KEPT}),
        "notifications.preferences": (
            "author",
            "/notifications/preferences",
            {"digest_hour": "99", "pause_days": KEPT},
        ),
        "notifications.watch": ("author", f"/notifications/watch/topic/{w.topic}", {"level": "x"}),
        "training.new": ("author", "/training/new", {"title": KEPT, "body": " ", "theme": "x"}),
        "training.comment": ("author", f"/training/p/{w.proposal}/comments", {"body": "  "}),
        "training.edit_comment": (
            "author",
            f"/training/c/{w.comment}/edit",
            {"body": KEPT + "x" * 10001},
        ),
        "training.answer": (
            "admin",
            f"/training/p/{w.proposal}/answer",
            {"status": "merged", "merge_into": "", "body": KEPT},
        ),
        "training.new_session": (
            "admin",
            "/training/sessions/new",
            {"title": KEPT, "day": "2026-13-01", "start": "10:00", "end": "11:00"},
        ),
        "training.edit_session": (
            "admin",
            f"/training/sessions/{w.session}/edit",
            {"title": KEPT, "day": "2026-13-01", "start": "10:00", "end": "11:00"},
        ),
        "training.cancel_session": (
            "admin",
            f"/training/sessions/{w.session}/cancel",
            {"reason": " "},
        ),
        "training.attendance": (
            "admin",
            f"/training/sessions/{w.started}/attendance",
            {"add": "x", "add_status": "present"},
        ),
        "supervision.assign": ("admin", f"{sv}/assignments/{w.supervisee}", {"supervisor": "0"}),
        "supervision.new_group": ("supervisor", f"{sv}/groups/new", {"name": KEPT, "members": "0"}),
        "supervision.edit_group": ("supervisor", f"{sv}/groups/{w.group}/edit", {"name": ""}),
        "supervision.new_slot": (
            "supervisor",
            f"{sv}/slots/new",
            {"meeting_url": KEPT, "day": "x"},
        ),
        "supervision.edit_slot": ("supervisor", f"{sv}/slots/{w.slot}/edit", {"reason": KEPT}),
        "supervision.cancel_slot": ("supervisor", f"{sv}/slots/{w.slot}/cancel", {"reason": long}),
        "supervision.cancel_series": (
            "supervisor",
            f"{sv}/series/{w.series}/cancel",
            {"from_day": "soon", "reason": KEPT},
        ),
        "supervision.attendance": (
            "supervisor",
            f"{sv}/slots/{w.hours_slot}/attendance",
            {f"mark-{w.supervisee}": "present"},
        ),
        "supervision.dispute_hours": ("hours_mediator", f"{sv}/hours/{w.hours_mark}/dispute", {}),
        "supervision.new_period": ("admin", f"{sv}/periods/new", {"name": KEPT, "starts_on": "x"}),
        "supervision.edit_period": (
            "admin",
            f"{sv}/periods/{w.hours_period}/edit",
            {"name": KEPT, "target_hours": "-1"},
        ),
        "training.add_note": ("admin", f"/training/p/{w.proposal}/notes", {"body": " "}),
        "training.themes": ("admin", "/training/themes", {"name_el": "", "name_en": KEPT}),
        "training.edit_theme": (
            "admin",
            f"/training/themes/{w.theme}/edit",
            {"name_el": " ", "name_en": KEPT},
        ),
        "training.edit_proposal": (
            "author",
            f"/training/p/{w.proposal}/edit",
            {"title": " ", "body": KEPT, "theme": "x"},
        ),
        "training.add_material": (
            "admin",
            f"/training/sessions/{w.session}/material",
            {"kind": "link", "url": "", "title": KEPT},
        ),
    }


# POST routes that take no field: a button (its invalid version is a missing CSRF token), a
# JSON endpoint (tests/forums/test_malformed_json.py), or signing out.
BUTTONS = {
    "admin.deactivate_user": "/admin/users/{w.user}/deactivate",
    "admin.reactivate_user": "/admin/users/{w.user}/reactivate",
    "admin.resend_invitation": "/admin/users/{w.user}/resend",
    "admin.retry_job": "/admin/jobs/{w.failure}/retry",
    "admin.region_status": "/admin/regions/{w.region}/deactivate",
    "admin.municipality_status": "/admin/municipalities/{w.place}/deactivate",
    "forums.admin_archive_category": "/forums/admin/categories/{w.category}/archive",
    "forums.admin_move_category": "/forums/admin/categories/{w.category}/up",
    "forums.delete_post": "/forums/p/{w.post}/delete",
    "forums.mark_all_read": "/forums/read",
    "forums.mark_category_read": "/forums/c/{w.category}/read",
    "forums.topic_switch": "/forums/t/{w.topic}/lock",
    "forums.unhide_post": "/forums/p/{w.post}/unhide",
    "forums.unhide_topic": "/forums/t/{w.topic}/unhide",
    "library.delete_item": "/library/items/{w.link}/delete",
    "library.delete_section": "/library/sections/{w.section}/delete",
    "library.move_section": "/library/sections/{w.section}/up",
    "library.purge_item": "/library/items/{w.link}/purge",
    "library.restore_item": "/library/items/{w.link}/restore",
    "notifications.read_all": "/notifications/read",
    "notifications.open_one": "/notifications/1/open",
    "notifications.read_one": "/notifications/1/read",
    "training.support": "/training/p/{w.proposal}/support",
    "training.withdraw": "/training/p/{w.proposal}/withdraw",
    "training.follow": "/training/p/{w.proposal}/follow",
    "training.rsvp": "/training/sessions/{w.session}/rsvp",
    "calendar.regenerate": "/calendar/regenerate",
}
JSON_ONLY = {
    "forums.draft",
    "forums.preview",
    "forums.react",
    "forums.upload_attachment",
    "library.upload",
}
NOT_A_FORM = {"accounts.logout"}
# Buttons of the one role that may press them (administrators may not book supervision):
# their missing CSRF token is refused in tests/supervision/test_views.py and
# tests/supervision/test_waitlist_views.py::test_waitlist_buttons_need_their_csrf_token.
ROLE_BUTTONS = {
    "supervision.book",
    "supervision.cancel_booking",
    "supervision.join_waitlist",
    "supervision.leave_waitlist",
    "supervision.accept_offer",
    "supervision.confirm_hours",  # tests/supervision/test_hours_views.py
}
# A form only a session's own supervisor may send, once the session has started: its
# invalid input is answered 422 beside the field, the text kept, in
# tests/supervision/test_notes_pages.py::test_a_text_too_long_is_shown_beside_its_field.
OWN_SESSION_FORMS = {"supervision.notes"}
# A button behind a one-time e-mailed token: its missing CSRF token is refused in
# tests/accounts/test_throttling.py::test_no_csrf_token_no_sign_in.
TOKEN_BUTTONS = {"accounts.sign_in_link"}
# RFC 8058 one-click unsubscribe: exempt from CSRF on purpose, its signed token is the proof
# (tests/notifications/test_unsubscribe.py).
ONE_CLICK = {"notifications.unsubscribe"}


def test_every_post_route_is_in_the_table(app, world):
    posted = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    listed = set(forms_table(world)) | set(BUTTONS) | JSON_ONLY | NOT_A_FORM
    listed |= TOKEN_BUTTONS | ONE_CLICK | ROLE_BUTTONS | OWN_SESSION_FORMS
    assert posted == listed


def _browser(new_client, world, who):
    browser = new_client()
    browser.get("/?lang=en")
    if who is not None:
        assert browser.login(getattr(world, who), DEFAULT_PASSWORD).status_code == 302
    return browser


IDS = (
    "category", "topic", "post", "report", "region", "place", "user", "invite", "reset",
    "theme", "proposal", "comment", "session", "started",
    "section", "link", "document", "supervisee", "group", "slot", "series",
    "hours_mediator", "hours_slot", "hours_mark", "hours_period",
)  # fmt: skip
FORMS = sorted(forms_table(SimpleNamespace(**dict.fromkeys(IDS, 0))))


@pytest.mark.parametrize("endpoint", FORMS)
def test_an_invalid_form_answers_422_with_the_message_and_the_text_kept(
    endpoint, new_client, world
):
    who, url, data = forms_table(world)[endpoint]
    response = _browser(new_client, world, who).post(url, data=data)
    assert response.status_code == 422, response.status_code
    assert 'class="govgr-error-message"' in response.text  # the message beside the field
    if KEPT in data.values():
        assert KEPT in response.text  # what was typed is kept


@pytest.mark.parametrize("endpoint", sorted(BUTTONS))
def test_a_button_without_its_csrf_token_answers_400(endpoint, new_client, world):
    response = _browser(new_client, world, "admin").post(
        BUTTONS[endpoint].format(w=world), data={}, csrf=False
    )
    assert response.status_code == 400
