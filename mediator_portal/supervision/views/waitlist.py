"""The waitlist's buttons (POST, CSRF): join a full group slot's waitlist, leave it, and
accept the seat offered (one click, on the slot's page or "My bookings")."""

from flask import flash, jsonify, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.errors import wants_json
from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.views.common import bp


@bp.route("/slots/<int:slot_id>/waitlist", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def join_waitlist(slot_id: int):
    require_button()

    def attempt():
        slot = services.visible_slot_or_404(db.session, current_user, slot_id)
        return services.join(db.session, slot, current_user)

    entry = services.with_retries(db.session, attempt)
    if wants_json():
        return jsonify(entry=entry.id, status=entry.status)
    flash(_("You are on the waitlist. If a seat frees, you may be offered it."), "success")
    return redirect(url_for("supervision.slot", slot_id=slot_id))


@bp.route("/waitlist/<int:entry_id>/leave", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def leave_waitlist(entry_id: int):
    require_button()

    def attempt():
        entry = services.own_entry_or_404(db.session, current_user, entry_id)
        services.leave(db.session, entry, current_user)
        return entry.slot_id

    slot_id = services.with_retries(db.session, attempt)
    if wants_json():
        return jsonify(status="left")
    flash(_("You have left the waitlist."), "success")
    return redirect(url_for("supervision.slot", slot_id=slot_id))


@bp.route("/waitlist/<int:entry_id>/accept", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def accept_offer(entry_id: int):
    require_button()

    def attempt():
        entry = services.own_entry_or_404(db.session, current_user, entry_id)
        return services.accept(db.session, entry, current_user)

    booking = services.with_retries(db.session, attempt)
    if wants_json():
        return jsonify(booking=booking.id, status=booking.status)
    flash(_("You accepted the seat: it is booked."), "success")
    return redirect(url_for("supervision.slot", slot_id=booking.slot_id))
