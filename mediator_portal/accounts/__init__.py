"""Accounts: sign-in, login sessions, invitations, passwords, one's own profile.

Other features use `mediator_portal.accounts.services` (the public API, with the account
tables) and nothing else of this package.
"""

from mediator_portal.accounts import demo, jobs  # noqa: F401 - jobs: they register on the queue
from mediator_portal.accounts.views import bp
from mediator_portal.accounts.views.auth import register_login
from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.i18n import N_

feature = Feature(
    name="accounts",
    blueprint=bp,
    nav=(NavEntry("accounts.profile", N_("My profile"), section="accounts", order=90),),
    demo=Demo(
        load=demo.load,
        present=demo.present,
        note=f"Password of every demo account: {demo.DEMO_PASSWORD}",
    ),
    init_app=register_login,
)

__all__ = ["bp", "feature"]
