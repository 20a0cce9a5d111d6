"""The list (filters, search, new markers, sections with counts) and an item's page."""

from flask import render_template

from mediator_portal.accounts.services import LANGUAGES
from mediator_portal.arguments import page_number
from mediator_portal.database import write_on_the_side
from mediator_portal.extensions import db
from mediator_portal.library import services
from mediator_portal.library.views.common import (
    bp,
    filters_from_request,
    load_item,
    locale,
    viewer,
)
from mediator_portal.permissions import Permission, requires, role_label


@bp.route("/")
@requires(Permission.LIBRARY_READ)
def index():
    user = viewer()
    filters = filters_from_request()
    since = services.new_since(db.session, user)
    page = services.library_page(db.session, user, filters, page_number(), new_since=since)
    sections = services.all_sections(db.session)
    counts = services.section_counts(db.session, user)
    tag = services.find_tag(db.session, filters.tag)
    html = render_template(
        "library/index.html",
        page=page,
        filters=filters,
        sections=sections,
        counts=counts,
        tag=tag,
        languages=[(code, str(name)) for code, name in LANGUAGES.items()],
        locale=locale(),
        manager=services.can_manage(user),
    )
    if not filters.active and page.page == 1:  # written after the page: a commit expires it
        write_on_the_side(
            db.session, lambda: services.record_visit(db.session, user), what="a library visit"
        )
    return html


def _item_page(item, version=None):
    user = viewer()
    versions = services.versions(db.session, item)
    shown = version or next((v for v in versions if v.id == item.current_version_id), None)
    manager = services.can_manage(user)
    opened = services.mediators_opened(db.session, item) if manager else None
    seen = services.seen_by(db.session, user, item.id)
    html = render_template(
        "library/item.html",
        item=item,
        versions=versions,
        shown=shown,
        opened=opened,
        seen_before=seen,
        backlinks=services.backlinks(db.session, user, item),
        manager=manager,
        purger=services.can_purge(user),
        language_names=[str(LANGUAGES.get(code, code)) for code in item.language_codes],
        audience=[role_label(role) for role in sorted(item.visible_roles)],
        locale=locale(),
    )
    if not item.deleted:  # written after the page: a commit expires what it shows
        item_id = item.id
        write_on_the_side(
            db.session,
            lambda: services.record_view(db.session, user, item_id),
            what="a library view",
        )
    return html


@bp.route("/items/<int:item_id>")
@requires(Permission.LIBRARY_READ)
def item(item_id: int):
    return _item_page(load_item(item_id))


@bp.route("/items/<int:item_id>/versions/<int:number>")
@requires(Permission.LIBRARY_READ)
def version(item_id: int, number: int):
    item = load_item(item_id)
    return _item_page(item, services.get_version(db.session, item, number))
