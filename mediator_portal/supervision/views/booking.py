"""The mediator's side: "Book supervision" (their supervisor's open slots by week), booking
a seat, "My bookings" with cancelling; and one slot's page (its supervisor, or a mediator
who may book it or booked it)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.database import utcnow
from mediator_portal.errors import wants_json
from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.views.common import bp, week_arg


@bp.route("/book")
@requires(Permission.SUPERVISION_BOOK)
def book_page():
    shown = services.booking_week(db.session, current_user.id, week_arg())
    slot_ids = [slot.id for _, slots in shown.week.days for slot in slots]
    waiting, held = services.entries_among(db.session, current_user.id, slot_ids)
    return render_template(
        "supervision/book.html",
        shown=shown,
        waiting=waiting,
        held=held,
        notice=services.setting("SUPERVISION_MIN_NOTICE_HOURS"),
        limit=services.setting("SUPERVISION_MAX_FUTURE_INDIVIDUAL"),
        deadline=services.setting("SUPERVISION_CANCEL_DEADLINE_HOURS"),
    )


@bp.route("/slots/<int:slot_id>/book", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def book(slot_id: int):
    require_button()

    def attempt():
        slot = services.visible_slot_or_404(db.session, current_user, slot_id)
        return services.book_seat(db.session, slot, current_user)

    booking = services.with_retries(db.session, attempt)
    if wants_json():
        return jsonify(booking=booking.id, status=booking.status)
    flash(_("Your seat is booked."), "success")
    return redirect(url_for("supervision.bookings"))


@bp.route("/bookings")
@requires(Permission.SUPERVISION_BOOK)
def bookings():
    past = request.args.get("when") == "past"
    return render_template(
        "supervision/bookings.html",
        rows=services.my_bookings(db.session, current_user.id, past=past),
        places=[] if past else services.my_places(db.session, current_user.id),
        now=utcnow(),
        past=past,
        deadline=services.setting("SUPERVISION_CANCEL_DEADLINE_HOURS"),
    )


@bp.route("/bookings/<int:booking_id>/cancel", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def cancel_booking(booking_id: int):
    require_button()

    def attempt():
        booking = services.own_booking_or_404(db.session, current_user, booking_id)
        status = services.cancel_booking(db.session, booking, current_user)
        services.offer_free_seats(db.session, booking.slot)  # the waitlist's turn
        return status

    status = services.with_retries(db.session, attempt)
    if wants_json():
        return jsonify(status=status)
    if status == services.CANCELLED_LATE:
        flash(_("Your booking is cancelled; it is recorded as a late cancellation."), "warning")
    else:
        flash(_("Your booking is cancelled."), "success")
    return redirect(url_for("supervision.bookings"))


@bp.route("/slots/<int:slot_id>")
@requires(Permission.SUPERVISION_PUBLISH, Permission.SUPERVISION_BOOK)
def slot(slot_id: int):
    found = services.visible_slot_or_404(db.session, current_user, slot_id)
    mine = services.live_booking(found, current_user.id)
    own = found.supervisor_id == current_user.id
    return render_template(
        "supervision/slot.html",
        slot=found,
        mine=mine,
        own=own,
        link_open=services.link_open(found, own or mine is not None),
        late=services.is_late(found),
        deadline=services.setting("SUPERVISION_CANCEL_DEADLINE_HOURS"),
        place=services.place(db.session, found, current_user.id)
        if found.kind == services.GROUP
        else None,
        claim_hours=services.setting("SUPERVISION_CLAIM_HOURS"),
        now=utcnow(),
        started=services.has_started(found),
    )
