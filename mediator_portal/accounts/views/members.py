"""A member's page (`/members/<handle>`), where a mention links: name, role, place,
languages and picture, for signed-in members only. No contact details: the accounts have no
"show my contact details" choice yet (issue 16, the directory, grows this page)."""

from flask import abort, render_template

from mediator_portal.accounts import services
from mediator_portal.accounts.views.common import bp
from mediator_portal.extensions import db
from mediator_portal.permissions import members


@bp.route("/members/<handle>")
@members
def member(handle: str):
    """The page of the active member whose handle is `handle` (any case or accents); 404 for
    an unknown, shared or deactivated one."""
    found = services.find_member(db.session, handle)
    person = services.load_profile(db.session, found.id) if found is not None else None
    if person is None:
        abort(404)
    languages = [services.language_name(code) for code in person.language_codes]
    return render_template(
        "accounts/member.html",
        person=person,
        handle=services.handle(person.name),
        languages=languages,
    )
