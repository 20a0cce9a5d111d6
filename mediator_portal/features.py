"""Features register themselves: the factory reads one list and wires what each declares.

Every feature package's `__init__.py` ends with `feature = Feature(...)`: its blueprint,
its audit actions, its navigation entries (with the permission they need), its home
panels, its demo data, and a hook for what else it wires into the app (Flask-Login,
for accounts). Nothing central is edited when a feature is added but `FEATURES`.
Importing a feature package imports its models, Socket.IO handlers (`events.py`) and
signal receivers (`receivers.py`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from flask import Blueprint, Flask, current_app, request, url_for
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.permissions import Permission, user_can

# In the order their demo data is loaded (later ones build on earlier ones).
FEATURES = ("home", "accounts", "forums", "admin", "notifications")

EXTENSION = "portal.features"


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation, shown to those holding `permission` (None: members)."""

    endpoint: str
    label: object  # a lazy string
    permission: Permission | None = None
    # The entry is marked current on endpoints of this blueprint ("" : only `endpoint`).
    section: str = ""
    order: int = 50  # place in the navigation, smallest first

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
class Feature:
    """What a feature package declares to the app."""

    name: str
    blueprint: Blueprint
    audit_actions: Mapping[str, object] = field(default_factory=dict)
    nav: tuple[NavEntry, ...] = ()
    home_panels: tuple[Callable, ...] = ()
    demo: Demo | None = None
    init_app: Callable[[Flask], None] | None = None


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


@dataclass(frozen=True, slots=True)
class NavLink:
    """A navigation entry ready to print: its URL, its label in the request's language, and
    whether it is the current section."""

    url: str
    label: str
    current: bool


def nav_links(user) -> list[NavLink]:
    """The links of the main navigation for `user` on this request."""
    endpoint = request.endpoint
    return [
        NavLink(url_for(entry.endpoint), str(entry.label), entry.is_current(endpoint))
        for entry in nav_entries(user)
    ]
