"""The notifications feature's public API: other features use these names only.

* `notify(session, recipients, kind, target, actor)`: the one way to create notifications
  (`creating`); kinds in `kinds` (later features add theirs with `register_kind`);
* targets (`targets`): a registry where each feature says, for its target type, how to load
  rows and how a viewer sees them (`register_resolver`); the board's are in `board`;
* watching levels (`watching`), the list and marking read (`listing`), e-mail preferences
  and the seam of the e-mail jobs (`preferences`: `immediate_email`, `digest_items`;
  `digests`: `digest_due`, `digest_sent`),
  @mentions and quotes (`mentions`), errors (`errors`);
* what the e-mail jobs decide (`emails`: `immediate_candidates`, `seen_recently`,
  `digest_topics`) and the one-click unsubscribe links (`unsubscribing`).
"""

from mediator_portal.notifications.services import board  # noqa: F401 - registers resolvers
from mediator_portal.notifications.services.creating import (
    BADGE_EVENT,
    nav_count,
    notify,
    publish_counts,
    unread_count,
)
from mediator_portal.notifications.services.digests import (
    digest_due,
    digest_sent,
    digest_slot,
    last_digest,
)
from mediator_portal.notifications.services.emails import (
    ACTIVE_WINDOW,
    DigestEntry,
    DigestTopic,
    digest_topics,
    immediate_candidates,
    last_active,
    seen_recently,
)
from mediator_portal.notifications.services.errors import (
    NotFound,
    NotificationError,
    UnknownLevel,
    UnsubscribeLinkExpired,
    UnsubscribeLinkInvalid,
)
from mediator_portal.notifications.services.kinds import (
    DELIVERIES,
    DELIVERY_LABELS,
    KINDS,
    Kind,
    kind_label,
    register_kind,
    sends_now,
)
from mediator_portal.notifications.services.listing import (
    PER_PAGE,
    mark_all_read,
    mark_lost_read,
    mark_read,
    notification_page,
    notification_url,
    open_notification,
)
from mediator_portal.notifications.services.mentions import (
    Member,
    handle,
    mention_candidates,
    mentioned_users,
    quoted_names,
)
from mediator_portal.notifications.services.preferences import (
    MAX_PAUSE_DAYS,
    Email,
    digest_items,
    digest_rows,
    immediate_email,
    preferences,
    save_preferences,
)
from mediator_portal.notifications.services.targets import (
    Link,
    Resolved,
    Resolver,
    Target,
    register_resolver,
    resolve,
)
from mediator_portal.notifications.services.unsubscribing import (
    DIGEST_KIND,
    UNSUBSCRIBE_MAX_AGE,
    Unsubscription,
    read_unsubscribe_token,
    unsubscribe,
    unsubscribe_token,
)
from mediator_portal.notifications.services.watching import (
    CATEGORY,
    LEVEL_LABELS,
    LEVELS,
    TOPIC,
    WatchControl,
    set_watch_level,
    track_if_unset,
    watch_control,
    watch_level,
    watched,
)
