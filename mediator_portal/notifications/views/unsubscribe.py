"""One-click unsubscribe from a notification e-mail (RFC 8058): no sign-in needed; the signed
link stands for one person and one kind, and only sets that kind to "never".

GET shows a page with a button (mail scanners open links; opening one changes nothing); POST
unsubscribes. POST is exempt from CSRF, and only here: RFC 8058's one-click POST comes from
the mail client, without our cookie or form token, and the signed token in the URL is itself
the proof that the request comes from the e-mail's recipient (a forged cross-site POST would
need that secret token). The worst it can do is stop one kind of e-mail for that person.
"""

from flask import render_template, request

from mediator_portal.extensions import csrf, db
from mediator_portal.notifications import services
from mediator_portal.notifications.views.common import bp
from mediator_portal.permissions import public


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@public
def unsubscribe(token: str):
    found = services.read_unsubscribe_token(db.session, token)
    digest = found.kind == services.DIGEST_KIND
    labels = [] if digest else [services.kind_label(found.kind)]
    if request.method == "POST":
        changed = services.unsubscribe(db.session, found.user.id, found.kind)
        db.session.commit()
        labels = [services.kind_label(name) for name in changed]
        return render_template(
            "notifications/unsubscribed.html", labels=labels, done=True, digest=digest
        )
    return render_template(
        "notifications/unsubscribed.html", labels=labels, done=False, digest=digest
    )


csrf.exempt(unsubscribe)  # RFC 8058 one-click POST: see the module's docstring
