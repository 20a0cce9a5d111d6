"""The library blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.library.views import files, managing, reading, sections
from mediator_portal.library.views.common import bp

__all__ = ["bp", "files", "managing", "reading", "sections"]
