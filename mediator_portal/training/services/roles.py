"""Who may manage training: trainers and administrators (Permission.TRAINING_MANAGE)."""

from mediator_portal.permissions import Permission, user_can
from mediator_portal.training.services.errors import NotAllowed


def can_manage(user) -> bool:
    """True for trainers and administrators."""
    return user_can(user, Permission.TRAINING_MANAGE)


def require_manager(user) -> None:
    """Raises NotAllowed unless `user` is a trainer or an administrator."""
    if not can_manage(user):
        raise NotAllowed()
