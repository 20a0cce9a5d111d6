"""The training blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.training.views import (
    answers,
    attendance,
    editing,
    exports,
    material,
    participation,
    proposals,
    records,
    session_changes,
    sessions,
    themes,
)
from mediator_portal.training.views.common import bp

__all__ = [
    "answers",
    "attendance",
    "bp",
    "editing",
    "exports",
    "material",
    "participation",
    "proposals",
    "records",
    "session_changes",
    "sessions",
    "themes",
]
