"""Members' pictures: the generated initials avatar, for signed-in members only."""

from flask import Response, abort, request

from mediator_portal.accounts import services
from mediator_portal.accounts.views.common import bp
from mediator_portal.extensions import db
from mediator_portal.permissions import members

MAX_AGE = 365 * 24 * 3600  # the URL changes with the picture (`?v=`)


@bp.route("/avatars/<int:user_id>.svg")
@members
def avatar(user_id: int):
    user = db.session.get(services.User, user_id)
    if user is None:
        abort(404)
    version = services.avatar_version(user.id, user.name)
    response = Response(services.avatar_svg(user.id, user.name), mimetype="image/svg+xml")
    response.set_etag(version)
    # Private: only members may see who is behind a name. Long-lived only at its own version.
    current = request.args.get("v") == version
    response.headers["Cache-Control"] = (
        f"private, max-age={MAX_AGE}, immutable" if current else "private, no-cache"
    )
    return response.make_conditional(request)


@bp.app_template_global("avatar_url")
def avatar_url(user) -> str:
    """`accounts.services.avatar_url` for templates: a member's picture."""
    return services.avatar_url(user)
