"""The message board's domain errors. Each carries a translated message and an HTTP status;
the app answers them with a page or a JSON error (`mediator_portal.errors`)."""

from flask_babel import LazyString, format_number
from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError
from mediator_portal.forums.models import BODY_MAX, REASON_MAX, TITLE_MAX

# The limit written the way the reader's language writes numbers ("20.000" in Greek).
BODY_LIMIT = LazyString(lambda: format_number(BODY_MAX))


class ForumError(PortalError):
    """Base of the board's errors."""


class NotFound(ForumError):
    """The object does not exist or the person may not see it (both look the same)."""

    status = 404
    message = _l("The page you asked for does not exist or was removed.")


class NotAllowed(ForumError):
    status = 403
    message = _l("You are not allowed to do this.")


class CategoryClosed(ForumError):
    status = 403
    message = _l("This category is archived: it takes no new topics or replies.")


class TopicLocked(ForumError):
    status = 403
    message = _l("This topic is locked: it takes no new replies.")


class EmptyPost(ForumError):
    status = 422
    message = _l("Please write something before posting.")


class PostTooLong(ForumError):
    status = 422
    message = _l(
        "The text is too long: at most %(limit)s characters are allowed.", limit=BODY_LIMIT
    )


class EmptyTitle(ForumError):
    status = 422
    message = _l("Please give the topic a title.")


class TitleTooLong(ForumError):
    status = 422
    message = _l("The title is too long: at most %(limit)s characters.", limit=TITLE_MAX)


class EmptyReason(ForumError):
    status = 422
    message = _l("Please give a reason.")


class ReasonTooLong(ForumError):
    status = 422
    message = _l("The reason is too long: at most %(limit)s characters.", limit=REASON_MAX)


class UnknownReaction(ForumError):
    status = 400
    message = _l("This reaction does not exist.")


class PostUnavailable(ForumError):
    """The post was deleted or hidden: it cannot be edited, reacted to or quoted."""

    status = 409
    message = _l("This post was deleted or hidden.")


class AttachmentError(ForumError):
    """A problem with the files of a post: shown beside the form's file field."""

    field = "files"
    status = 400
    message = _l("The files could not be attached.")


class AttachmentsRefused(AttachmentError):
    """One or more files did not pass the upload gate; `problems` says why, file by file
    ("name: reason"). Nothing of the post is kept."""

    message = _l("Some files cannot be attached, so nothing was posted.")

    def __init__(self, problems: list[str], status: int = 400):
        super().__init__()
        self.problems = problems
        self.status = status


class TooManyAttachments(AttachmentError):
    def __init__(self, limit: int):
        super().__init__(_l("A post can have at most %(limit)s files.", limit=limit))


class AttachmentUnavailable(AttachmentError):
    """A pending upload that is not the author's, already on a post, or removed."""

    message = _l("A file you added is no longer available. Please add it again.")


class TooManyPending(AttachmentError):
    """Too many uploads waiting for their post: send the post, or wait a day."""

    status = 429
    message = _l(
        "You have too many files waiting to be posted. Post them, or remove some and try again."
    )
