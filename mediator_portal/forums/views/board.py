"""Reading the board: the category list, a category's topics, a topic's posts."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import query_int
from mediator_portal.errors import wants_json
from mediator_portal.extensions import db
from mediator_portal.features import provide_counts
from mediator_portal.forms import ButtonForm, form_status, json_invalid
from mediator_portal.forums import services
from mediator_portal.forums.forms import ReplyForm, TopicForm
from mediator_portal.forums.services import ForumError
from mediator_portal.forums.views.common import (
    bp,
    form_failed,
    load_category,
    load_post,
    load_topic,
    page_arg,
    pending_files,
    post_url,
    record_reading,
)
from mediator_portal.forums.views.lists import tab_counts
from mediator_portal.notifications import services as notifications
from mediator_portal.permissions import Permission, members, requires
from mediator_portal.security import accepts_uploads
from mediator_portal.text import quote_markdown


@bp.route("/")
@members
def index():
    rows = services.index_page(db.session, current_user, str(get_locale()))
    # The rows hold the navigation's board counts: summed here, not queried again.
    unread, new = sum(row.unread for row in rows), sum(row.new for row in rows)
    provide_counts({services.UNREAD_COUNT: unread, services.NEW_COUNT: new})
    return render_template("forums/index.html", rows=rows, counts=tab_counts())


@bp.route("/read", methods=["POST"])
@members
def mark_all_read():
    if ButtonForm().validate_on_submit():
        services.mark_all_read(db.session, current_user)
        db.session.commit()
        flash(_("Everything is marked as read."), "success")
    return redirect(url_for("forums.index"))


@bp.route("/c/<int:category_id>")
@members
def category(category_id: int):
    category = load_category(category_id)
    page = services.category_page(db.session, current_user, category, page_arg())
    return render_template(
        "forums/category.html",
        category=category,
        page=page,
        can_start=services.can_start_topic(current_user, category),
        watch=notifications.watch_control(
            db.session, current_user, notifications.CATEGORY, category.id
        ),
    )


@bp.route("/c/<int:category_id>/read", methods=["POST"])
@members
def mark_category_read(category_id: int):
    category = load_category(category_id)
    if ButtonForm().validate_on_submit():
        services.mark_category_read(db.session, current_user, category)
        db.session.commit()
        flash(_("All topics of this category are marked as read."), "success")
    return redirect(url_for("forums.category", category_id=category.id))


@bp.route("/c/<int:category_id>/new", methods=["GET", "POST"])
@requires(Permission.FORUM_PARTICIPATE)
@accepts_uploads
def new_topic(category_id: int):
    category = load_category(category_id)
    if not services.can_start_topic(current_user, category):
        raise services.CategoryClosed() if category.archived else services.NotAllowed()
    form, preview, status = TopicForm(), None, None
    draft = services.get_draft(db.session, current_user, category=category)
    if request.method == "GET" and draft:
        form.title.data, form.body.data = draft.title, draft.body
    valid = form.validate_on_submit()
    if valid and form.preview.data:
        preview = services.render_post(db.session, form.body.data)
    elif valid:
        try:
            topic = services.start_topic(
                db.session,
                category=category,
                author=current_user,
                title=form.title.data,
                body=form.body.data,
                key=form.idempotency_key.data,
                announce=bool(form.announce.data),
                files=form.new_files(),
            )
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            if wants_json():
                url = url_for("forums.topic", topic_id=topic.id)
                return jsonify(topic_id=topic.id, url=url), 201
            flash(_("Your topic is published."), "success")
            return redirect(url_for("forums.topic", topic_id=topic.id))
    if wants_json() and form.errors:
        return json_invalid(form, status)
    page = render_template(
        "forums/new_topic.html",
        category=category,
        form=form,
        preview=preview,
        pending=pending_files(form),
    )
    return page, form_status(form, status)


@bp.route("/t/<int:topic_id>")
@members
def topic(topic_id: int):
    viewer = current_user._get_current_object()  # the proxy costs a lookup per attribute
    reader = services.get_topic_for_reader(db.session, viewer, topic_id)
    topic = reader.topic
    view = services.topic_page(db.session, viewer, topic, page_arg(), last_read=reader.last_read)
    form = ReplyForm()
    form.body.data = reader.draft
    quote_id = query_int("quote", minimum=1, strict=False)
    if quote_id and (quoted := _quotable(topic, quote_id)):
        form.body.data = (
            form.body.data.rstrip() + "\n\n" if form.body.data.strip() else ""
        ) + quoted
    page = render_template(
        "forums/topic.html",
        topic=topic,
        view=view,
        form=form,
        reply_allowed=services.can_reply(viewer, topic),
        moderator=services.is_moderator(viewer),
        watch=notifications.watch_control(db.session, viewer, notifications.TOPIC, topic.id),
    )
    if view.read_upto:  # after rendering, so no row is reloaded
        record_reading(topic, view.read_upto)
    return page


def _quotable(topic, post_id: int) -> str | None:
    try:
        post = services.get_post(db.session, current_user, post_id)
    except ForumError:
        return None
    if post.topic_id != topic.id or post.deleted or post.hidden:
        return None
    return quote_markdown(post.body, post.author.name)


@bp.route("/t/<int:topic_id>/unread")
@members
def topic_unread(topic_id: int):
    topic = load_topic(topic_id)
    last_read = services.last_read_number(db.session, current_user, topic)
    number = services.first_unread_number(db.session, current_user, topic, last_read=last_read)
    page = services.page_of(number)
    return redirect(url_for("forums.topic", topic_id=topic.id, page=page) + f"#post-{number}")


@bp.route("/p/<int:post_id>")
@members
def post(post_id: int):
    return redirect(post_url(load_post(post_id)))
