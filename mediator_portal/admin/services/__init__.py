"""Administration rules: accounts, regions and municipalities, each change audited.

Every function takes the SQLAlchemy session first, adds and flushes, and never
commits nor touches the request: the caller says who acts and from where with an
`Actor`, and the audit entry is added to the same transaction as the change.
Errors raised: the `AdminError` subclasses and accounts' `EmailTaken`.
"""

from mediator_portal.admin.services.accounts import (
    STATUSES,
    UserFilters,
    change_role,
    deactivate_user,
    invite,
    reactivate_user,
    resend_invitation,
    update_user,
    users_query,
)
from mediator_portal.admin.services.audit_log import audit_actors, audit_query
from mediator_portal.admin.services.common import (
    Actor,
    AdminError,
    CannotDeactivateSelf,
    CannotDemoteSelf,
    InvitationNotPending,
    NameTaken,
)
from mediator_portal.admin.services.places import (
    regions_with_municipalities,
    save_municipality,
    save_region,
    set_place_active,
)
