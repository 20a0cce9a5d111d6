"""The kinds of notification, their labels, and which e-mail delivery each gets by default.

A later feature adds its kinds with `register_kind` (in its package's import), and creates
its notifications with `notify`, never by writing rows.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

IMMEDIATELY, DIGEST, NEVER = "immediately", "digest", "never"
DELIVERIES = (IMMEDIATELY, DIGEST, NEVER)
DELIVERY_LABELS = {
    IMMEDIATELY: _l("Immediately"),
    DIGEST: _l("In the daily digest"),
    NEVER: _l("Never"),
}


@dataclass(frozen=True)
class Kind:
    """One kind of notification. `mutable`: muting a topic or category silences it (not
    so for what moderators tell a person). `grouped`: a new one joins the unread one on the
    same target ("N. and 3 others"). `urgent`: e-mailed at once even when the person chose the
    digest for it (announcements, reminders), never when they chose "never"."""

    name: str
    label: object  # a lazy string: what the preferences and the filter show
    delivery: str = DIGEST  # the e-mail default
    mutable: bool = True
    grouped: bool = False
    urgent: bool = False
    # The sentence shown for each code a notification of this kind carries as its detail
    # ("day": "The session is tomorrow."); a detail not listed is a reason, shown as given.
    details: tuple[tuple[str, object], ...] = ()

    def detail_text(self, detail: str) -> tuple[object, str]:
        """(label, text) of a notification's `detail`: a known code's sentence, unlabelled,
        or the reason given after "Reason:"."""
        sentence = dict(self.details).get(detail)
        return ("", sentence) if sentence is not None else (_l("Reason:"), detail)


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Add `kind` to the known kinds (once per name). Raises ValueError on a bad delivery."""
    if kind.delivery not in DELIVERIES:
        raise ValueError(f"unknown delivery {kind.delivery!r}")
    KINDS[kind.name] = kind
    return kind


REPLY = register_kind(Kind("reply", _l("Replies to my topics"), IMMEDIATELY))
QUOTE = register_kind(Kind("quote", _l("Quotes of my posts"), IMMEDIATELY))
MENTION = register_kind(Kind("mention", _l("Mentions of me"), IMMEDIATELY))
WATCHED_POST = register_kind(Kind("watched_post", _l("New posts in topics I watch")))
NEW_TOPIC = register_kind(Kind("new_topic", _l("New topics in categories I watch")))
REACTION = register_kind(Kind("reaction", _l("Reactions to my posts"), grouped=True))
POST_HIDDEN = register_kind(
    Kind("post_hidden", _l("My post hidden by a moderator"), IMMEDIATELY, mutable=False)
)
TOPIC_MOVED = register_kind(Kind("topic_moved", _l("My topic moved by a moderator"), mutable=False))
REPORT_RESOLVED = register_kind(Kind("report_resolved", _l("My report resolved"), mutable=False))
# An administrator's announcement: reaches those who muted the category, and is e-mailed at
# once even to those who chose the digest for it (not to those who chose "never").
ANNOUNCEMENT = register_kind(
    Kind("announcement", _l("Announcements by the administrators"), mutable=False, urgent=True)
)


def sends_now(kind: str, delivery: str | None) -> bool:
    """True when a notification of `kind`, with the person's `delivery` for it, is e-mailed at
    once: "immediately", or an urgent kind set to the digest ("never" always wins)."""
    spec = KINDS.get(kind)
    if spec is None or delivery == NEVER:
        return False
    return delivery == IMMEDIATELY or (spec.urgent and delivery == DIGEST)


def kind_label(name: str) -> str:
    """The translated label of kind `name` (the name itself when unknown)."""
    kind = KINDS.get(name)
    return str(kind.label) if kind else name
