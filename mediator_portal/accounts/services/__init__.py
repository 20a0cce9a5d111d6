"""The accounts feature's public API: other features use these names and nothing else of it.

Functions take the SQLAlchemy session first, add and flush, and never commit; they raise
the `AccountError` subclasses. Submodules: `sessions` (signing in, login sessions),
`profiles` (names, languages, passwords, places), `invitations` (signed single-use links),
`lookup` (accounts by e-mail), `passwords` (hashing and the policy), `languages` (the
working languages people can declare), `throttling` (failed sign-ins per account),
`sign_in_links` (the one-time links e-mailed to an account under protection), `errors`.
The account tables are part of the API (other features join and refer to them): `User`,
`Municipality`, `Region`.
"""

from mediator_portal.accounts.models import LoginSession, Municipality, Region, User
from mediator_portal.accounts.services.avatars import avatar_svg, avatar_url, avatar_version
from mediator_portal.accounts.services.errors import (
    AccountError,
    AlreadyActivated,
    EmailTaken,
    InvalidCredentials,
    TokenExpired,
    TokenInvalid,
    WeakPassword,
)
from mediator_portal.accounts.services.handles import find_member, handle, member_handles
from mediator_portal.accounts.services.invitations import (
    INVITE,
    RESET,
    accept_invitation,
    invite_user,
    make_token,
    read_token,
    renew_invitation,
    reset_password,
)
from mediator_portal.accounts.services.languages import LANGUAGES, language_choices, language_name
from mediator_portal.accounts.services.lookup import (
    active_member_ids,
    find_by_email,
    normalize_email,
)
from mediator_portal.accounts.services.passwords import hash_password
from mediator_portal.accounts.services.profiles import (
    NAME_KEY_LENGTH,
    active_municipalities,
    change_password,
    load_profile,
    load_with_place,
    set_languages,
    set_name,
    set_password,
    update_profile,
)
from mediator_portal.accounts.services.sessions import (
    Login,
    authenticate,
    end_all_sessions,
    end_session,
    find_login,
    is_due,
    record_use,
    start_session,
)
from mediator_portal.accounts.services.sign_in_links import (
    SignInLink,
    make_sign_in_token,
    read_sign_in_token,
)
from mediator_portal.accounts.services.throttling import (
    clear_failed_sign_ins,
    record_failed_sign_in,
    under_protection,
)
