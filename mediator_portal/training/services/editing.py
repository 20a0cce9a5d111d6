"""Editing a proposal: its author may change the title, text, theme and languages while it
is still proposed or under review; trainers and administrators may at any time. Every change
keeps the earlier version (`ProposalRevision`), as comments and the board's posts do, and
the page links to that history."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mediator_portal import audit
from mediator_portal.accounts.services import LANGUAGES
from mediator_portal.database import utcnow
from mediator_portal.search import fold
from mediator_portal.text import render_markdown
from mediator_portal.training.models import (
    PROPOSED,
    TITLE_MAX,
    UNDER_REVIEW,
    Proposal,
    ProposalLanguage,
    ProposalRevision,
    TrainingTheme,
)
from mediator_portal.training.services.errors import (
    NotAllowed,
    ProposalLocked,
    UnknownLanguage,
    UnknownTheme,
)
from mediator_portal.training.services.roles import can_manage
from mediator_portal.training.services.texts import clean_text, clean_title

EDITABLE_BY_AUTHOR = (PROPOSED, UNDER_REVIEW)


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """Trainers and administrators always; the author while it is proposed or under
    review."""
    if can_manage(user):
        return True
    return proposal.author_id == user.id and proposal.status in EDITABLE_BY_AUTHOR


def require_editor(user, proposal: Proposal) -> None:
    """Raises NotAllowed (someone else's proposal) or ProposalLocked (the author's, answered
    beyond review) unless `user` may edit `proposal`."""
    if can_edit_proposal(user, proposal):
        return
    if proposal.author_id == user.id:
        raise ProposalLocked()
    raise NotAllowed()


def edit_proposal(
    session: Session,
    proposal: Proposal,
    *,
    editor,
    title: str,
    body: str,
    theme_id: int | None,
    languages: Iterable[str] = (),
) -> list[str]:
    """Change `proposal` (its languages loaded), keeping the earlier version; returns the
    names of the fields that changed (nothing changed: no version kept). Raises NotAllowed,
    ProposalLocked, EmptyTitle, TitleTooLong, EmptyText, TextTooLong, UnknownTheme (missing,
    or archived unless it is already the proposal's), UnknownLanguage."""
    require_editor(editor, proposal)
    title, body = clean_title(title), clean_text(body)
    theme = session.get(TrainingTheme, theme_id) if theme_id else None
    if theme is None or theme.archived and theme.id != proposal.theme_id:
        raise UnknownTheme()
    codes = sorted(set(languages))
    if any(code not in LANGUAGES for code in codes):
        raise UnknownLanguage()
    before = {
        "title": proposal.title,
        "body": proposal.body,
        "theme": proposal.theme_id,
        "languages": proposal.language_codes,
    }
    after = {"title": title, "body": body, "theme": theme.id, "languages": codes}
    changed = [name for name in before if before[name] != after[name]]
    if not changed:
        return []
    now = utcnow()
    session.add(
        ProposalRevision(
            proposal_id=proposal.id,
            title=proposal.title,
            body=proposal.body,
            body_html=proposal.body_html,
            theme_id=proposal.theme_id,
            languages=",".join(proposal.language_codes),
            written_at=proposal.edited_at or proposal.created_at,
            edited_at=now,
            editor_id=editor.id,
        )
    )
    proposal.title, proposal.title_key = title, fold(title)[:TITLE_MAX]
    if "body" in changed:
        proposal.body, proposal.body_html = body, render_markdown(body)
    proposal.theme_id, proposal.edited_at = theme.id, now
    # Keep the rows of languages that stay: a new row with the same key would collide.
    for row in [row for row in proposal.languages if row.code not in codes]:
        proposal.languages.remove(row)
    kept = set(proposal.language_codes)
    proposal.languages.extend(ProposalLanguage(code=code) for code in codes if code not in kept)
    session.flush()
    audit.record(
        session,
        actor=editor,
        action="training.proposal.edit",
        target=proposal,
        target_label=title,
        details={"fields": changed},
    )
    return changed


def proposal_revisions(session: Session, proposal: Proposal) -> list[ProposalRevision]:
    """The earlier versions of `proposal`, oldest first, with their editors and themes."""
    return list(
        session.scalars(
            select(ProposalRevision)
            .options(selectinload(ProposalRevision.editor), selectinload(ProposalRevision.theme))
            .where(ProposalRevision.proposal_id == proposal.id)
            .order_by(ProposalRevision.edited_at, ProposalRevision.id)
        )
    )
