"""Home: the signed-in start page and the health check."""

from mediator_portal.home.views import bp

__all__ = ["bp"]
