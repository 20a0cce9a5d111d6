"""The accounts blueprint and what its view modules share."""

from flask import Blueprint, session

from mediator_portal.i18n import SESSION_KEY

bp = Blueprint("accounts", __name__)


def fresh_session() -> None:
    """Empty the browser session, keeping only the chosen interface language."""
    lang = session.get(SESSION_KEY)
    session.clear()
    if lang:
        session[SESSION_KEY] = lang
