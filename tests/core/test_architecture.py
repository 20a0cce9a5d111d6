"""The house every feature copies: one shape per feature package, and features that use each
other only through `services` (docs/feature-template.md).

Walks the source with `ast`, so a new module or a new import is checked as soon as it exists.
"""

import ast
from pathlib import Path

import pytest

from mediator_portal.features import FEATURES

PACKAGE = Path(__file__).resolve().parents[2] / "mediator_portal"
# What a feature package may hold at its top level (docs/feature-template.md).
REQUIRED = {"__init__.py"}
VIEWS = {"views.py", "views"}
OPTIONAL = {
    "models.py",
    "models",
    "forms.py",
    "services.py",
    "services",
    "events.py",
    "receivers.py",
    "demo.py",
    "panels.py",
    "jobs.py",
}


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every `mediator_portal…` import, `from x import y` as x.y."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in names if name.startswith("mediator_portal.")]


def _violation(feature: str, name: str) -> bool:
    """True when `name` (imported from `feature`) reaches into another feature's internals."""
    parts = name.split(".")
    other = parts[1]
    if other == feature or other not in FEATURES:
        return False  # its own modules, or the core
    return len(parts) < 3 or parts[2] != "services"


@pytest.mark.parametrize("feature", FEATURES)
def test_features_use_each_other_only_through_services(feature):
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path, tree in _modules(PACKAGE / feature)
        for line, name in _imported(tree)
        if _violation(feature, name)
    ]
    assert found == []


def test_the_core_does_not_import_features():
    core = [path for path in PACKAGE.glob("*.py")]
    found = [
        f"{path.name}:{line} imports {name}"
        for path in core
        for line, name in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if name.split(".")[1] in FEATURES
    ]
    assert found == []


@pytest.mark.parametrize("feature", FEATURES)
def test_every_feature_package_has_the_same_shape(feature):
    entries = {
        path.name
        for path in (PACKAGE / feature).iterdir()
        if path.name != "__pycache__" and (path.suffix == ".py" or path.is_dir())
    }
    assert entries >= REQUIRED
    assert len(entries & VIEWS) == 1, "views.py or a views/ package, not both"
    assert len(entries & {"services.py", "services"}) <= 1
    assert entries <= REQUIRED | VIEWS | OPTIONAL, entries - (REQUIRED | VIEWS | OPTIONAL)
    for package in ("views", "services"):
        if (PACKAGE / feature / package).is_dir():
            assert (PACKAGE / feature / package / "__init__.py").exists()


def test_the_checks_catch_what_they_are_for():
    assert _violation("admin", "mediator_portal.forums.models.Post")
    assert _violation("admin", "mediator_portal.forums.bp")
    assert not _violation("admin", "mediator_portal.forums.services.reset_restricted_rooms")
    assert not _violation("forums", "mediator_portal.forums.models.Post")
    assert not _violation("forums", "mediator_portal.realtime.publish")
    tree = ast.parse("from mediator_portal.accounts.models import User\nimport mediator_portal.x")
    assert _imported(tree) == [
        (1, "mediator_portal.accounts.models.User"),
        (2, "mediator_portal.x"),
    ]


# Relationships always loaded with their object, because its access rule needs them.
ALWAYS_JOINED = {"Topic.category", "Post.topic"}


def test_relationships_raise_instead_of_loading_lazily(app):
    """Templates never query: a relationship nobody loaded raises instead of running SQL."""
    from mediator_portal.extensions import db

    found = {}
    for mapper in db.Model.registry.mappers:
        for relationship in mapper.relationships:
            found[f"{mapper.class_.__name__}.{relationship.key}"] = relationship.lazy
    assert found, "no relationships found"
    wrong = {
        name: lazy
        for name, lazy in found.items()
        if lazy != ("joined" if name in ALWAYS_JOINED else "raise_on_sql")
    }
    assert wrong == {}


def test_templates_put_the_csrf_token_in_forms_one_way():
    """`{{ csrf_field() }}` in forms; the token itself only in base.html's meta tag (scripts)."""
    templates = PACKAGE.parent / "templates"
    found = [
        f"{path.relative_to(templates)}:{number}"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "csrf_token" in line and 'name="csrf-token"' not in line
    ]
    assert found == []
