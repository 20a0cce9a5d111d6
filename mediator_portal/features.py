"""Features register themselves: the factory reads one list and wires what each declares.

Every feature package's `__init__.py` ends with `feature = Feature(...)`: its blueprint,
its audit actions, its navigation entries (with the permission they need), its home
panels, its demo data, and a hook for what else it wires into the app (Flask-Login,
for accounts). Nothing central is edited when a feature is added but `FEATURES`.
Importing a feature package imports its models, Socket.IO handlers (`events.py`) and
signal receivers (`receivers.py`).

Navigation counts ("3 unread topics", "2 open reports") come from count providers of the
entries: every count of a page is one column of ONE query (`page_counts`), run once per
request and only for signed-in members.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from flask import Blueprint, Flask, current_app, g, request, url_for
from flask_babel import gettext as _gettext
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.extensions import db
from mediator_portal.permissions import Permission, user_can

# In the order their demo data is loaded (later ones build on earlier ones).
FEATURES = (
    "home",
    "accounts",
    "forums",
    "admin",
    "notifications",
    "library",
    "training",
    "calendar",
    "supervision",
)

EXTENSION = "portal.features"


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation, shown to those holding `permission` (None: members)."""

    endpoint: str
    label: str  # the text's msgid, marked with i18n.N_; translated by the page showing it
    permission: Permission | None = None
    # The entry is marked current on endpoints of this blueprint ("" : only `endpoint`).
    section: str = ""
    order: int = 50  # place in the navigation, smallest first
    # Count provider: given a role, named scalar subqueries (which may use the bind
    # parameters `viewer_id` and `viewer_since`, the account's creation time); the entry
    # shows their sum. Depends on the role only, so the statement is built once per role.
    count: Callable[[str], Mapping[str, ColumnElement]] | None = None
    # The count for screen readers, e.g. lambda n: ngettext("%(num)s unread topic", ...).
    count_text: Callable[[int], str] | None = None
    # A template of the feature's own that draws the entry's link (given `link`, a NavLink),
    # e.g. to keep its count live; None: the navigation's plain link.
    partial: str | None = None

    def visible_to(self, user) -> bool:
        return self.permission is None or user_can(user, self.permission)

    def is_current(self, endpoint: str | None) -> bool:
        endpoint = endpoint or ""
        if self.section:
            return endpoint.startswith(self.section + ".")
        return endpoint == self.endpoint


@dataclass(frozen=True)
class Demo:
    """A feature's demo data: `load(session)` adds it (idempotent) and returns counts by
    name; `present(session)` tells whether the feature already has data."""

    load: Callable[[Session], dict[str, int]]
    present: Callable[[Session], bool]
    note: str = ""  # said after loading (the demo password, for accounts)


@dataclass(frozen=True)
class HomePanel:
    """A panel of the home page: `load(session, user)` returns what `template` shows (as
    `data`), in a fixed number of queries; shown to those holding `permission`."""

    name: str
    template: str
    load: Callable[[Session, object], object]
    permission: Permission | None = None
    order: int = 50

    def visible_to(self, user) -> bool:
        return self.permission is None or user_can(user, self.permission)


@dataclass(frozen=True)
class Feature:
    """What a feature package declares to the app."""

    name: str
    blueprint: Blueprint
    audit_actions: Mapping[str, object] = field(default_factory=dict)
    nav: tuple[NavEntry, ...] = ()
    home_panels: tuple["HomePanel", ...] = ()
    demo: Demo | None = None
    init_app: Callable[[Flask], None] | None = None
    # The person's events for their calendar feed (the `calendar` feature):
    # provider(session, user) -> list of calendar_files.CalendarEvent, in a fixed number of
    # queries, with no other person's name and no notes.
    calendar_events: Callable[[Session, object], list] | None = None


def load_features(names: tuple[str, ...] = FEATURES) -> list[Feature]:
    """Import each feature package of `names` and return its declaration.

    Raises TypeError when a package does not declare a `Feature` named `feature`.
    """
    features = []
    for name in names:
        declared = getattr(import_module(f"mediator_portal.{name}"), "feature", None)
        if not isinstance(declared, Feature) or declared.name != name:
            raise TypeError(f"mediator_portal.{name} must declare feature = Feature({name!r}, …)")
        features.append(declared)
    return features


def register_features(app: Flask) -> None:
    """Wire every feature into `app`: blueprint, audit actions, its own hook."""
    features = load_features()
    for feature in features:
        app.register_blueprint(feature.blueprint)
        audit.register_actions(feature.audit_actions)
        if feature.init_app is not None:
            feature.init_app(app)
    app.extensions[EXTENSION] = features


def features() -> list[Feature]:
    """The features of the current app, in order."""
    return current_app.extensions[EXTENSION]


def nav_entries(user) -> list[NavEntry]:
    """The navigation entries `user` may see, in their order."""
    entries = [entry for feature in features() for entry in feature.nav if entry.visible_to(user)]
    return sorted(entries, key=lambda entry: entry.order)


def calendar_providers() -> list[Callable[[Session, object], list]]:
    """The calendar-event providers of the current app's features, in their order."""
    return [feature.calendar_events for feature in features() if feature.calendar_events]


def home_panels(user) -> list[HomePanel]:
    """The home-page panels `user` may see, in their order."""
    panels = [panel for feature in features() for panel in feature.home_panels]
    return sorted((p for p in panels if p.visible_to(user)), key=lambda panel: panel.order)


@dataclass(frozen=True, slots=True)
class NavLink:
    """A navigation entry ready to print: its URL, its label in the request's language,
    whether it is the current section, and its count with the text saying it (0: none)."""

    url: str
    label: str
    current: bool
    count: int = 0
    count_text: str = ""
    partial: str | None = None


def _counts_for(user) -> tuple[tuple, dict[str, tuple[str, ...]]]:
    """((name, column) of every count the navigation shows `user`, the count names of each
    entry by endpoint); built once per role (building a select costs about as much as
    running it)."""
    cache = current_app.extensions.setdefault("portal.nav_counts", {})
    found = cache.get(user.role)
    if found is None:
        columns, names = {}, {}
        for entry in nav_entries(user):
            if entry.count is not None:
                provided = entry.count(user.role)
                columns.update(provided)
                names[entry.endpoint] = tuple(provided)
        found = cache[user.role] = (tuple(columns.items()), names)
    return found


def provide_counts(counts: Mapping[str, int]) -> None:
    """Give the navigation counts this page has already computed (the category list sums
    its rows' unread and new topics): `page_counts` then queries only the others."""
    g.portal_provided_counts = {**g.get("portal_provided_counts", {}), **counts}


def page_counts(user) -> dict[str, int]:
    """{name: count} of the navigation's count providers for `user`: one query (for the
    counts the page has not provided), run once per request; empty for visitors and
    inactive accounts."""
    counts = g.get("portal_counts")
    if counts is not None:
        return counts
    counts = {}
    if getattr(user, "is_authenticated", False) and getattr(user, "active", False):
        columns, _ = _counts_for(user)
        provided = g.get("portal_provided_counts", {})
        missing = frozenset(name for name, _ in columns if name not in provided)
        counts = {name: provided[name] for name, _ in columns if name in provided}
        if missing:
            statements = current_app.extensions.setdefault("portal.nav_count_statements", {})
            statement = statements.get((user.role, missing))
            if statement is None:
                labelled = [column.label(name) for name, column in columns if name in missing]
                statement = statements[(user.role, missing)] = select(*labelled)
            params = {"viewer_id": user.id, "viewer_since": user.created_at}
            # Core, on the session's connection: the ORM's handling of a statement cost
            # more than running it (0.52 → 0.32 ms per page on the benchmark's data).
            row = db.session.connection().execute(statement, params).one()
            counts.update({name: value or 0 for name, value in row._mapping.items()})
    g.portal_counts = counts
    return counts


def nav_links(user, gettext: Callable[[str], str] = _gettext) -> list[NavLink]:
    """The links of the main navigation for `user` on this request, with their counts; the
    labels translated by `gettext` (a page passes the catalogue it already holds)."""
    endpoint = request.endpoint
    entries = nav_entries(user)
    names = _counts_for(user)[1] if user.is_authenticated else {}
    counts = page_counts(user) if names else {}
    exact = any(entry.endpoint == endpoint for entry in entries)
    links = []
    for entry in entries:
        # An entry of its own (Reports) is current rather than its section's (the board).
        current = entry.endpoint == endpoint if exact else entry.is_current(endpoint)
        count = sum(counts.get(name, 0) for name in names.get(entry.endpoint, ()))
        text = entry.count_text(count) if count and entry.count_text else ""
        url = url_for(entry.endpoint)
        label = gettext(entry.label)
        links.append(NavLink(url, label, current, count, text, entry.partial))
    return links
