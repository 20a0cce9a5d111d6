"""Accounts: sign-in, invitations, passwords, profile."""

from mediator_portal.accounts.views import bp

__all__ = ["bp"]
