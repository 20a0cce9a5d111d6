"""Editing a proposal: its author may change the title, text, theme and languages while it
is still proposed or under review; trainers and administrators may at any time. Every change
keeps the earlier version (`ProposalRevision`), as comments and the board's posts do, and
the page links to that history. Two editors never overwrite each other unseen: the form
carries the proposal's `edit_mark` when it was opened, and the save claims the row with one
conditional UPDATE (the later of two saves of the same version finds it changed)."""

from collections.abc import Iterable

from sqlalchemy import select, update
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
    EditConflict,
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


def edit_mark(proposal: Proposal) -> str:
    """Which version of `proposal` an edit form was opened on (its last edit's time)."""
    return proposal.edited_at.isoformat() if proposal.edited_at else ""


def edit_proposal(
    session: Session,
    proposal: Proposal,
    *,
    editor,
    title: str,
    body: str,
    theme_id: int | None,
    languages: Iterable[str] = (),
    seen: str | None = None,
) -> list[str]:
    """Change `proposal` (its languages loaded), keeping the earlier version; returns the
    names of the fields that changed (nothing changed: no version kept). `seen`: the
    `edit_mark` the form was opened on (None: not checked). Raises NotAllowed,
    ProposalLocked, EditConflict (edited by someone else since), EmptyTitle, TitleTooLong,
    EmptyText, TextTooLong, UnknownTheme (missing, or archived unless it is already the
    proposal's), UnknownLanguage."""
    require_editor(editor, proposal)
    if seen is not None and seen != edit_mark(proposal):
        raise EditConflict()
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
    _claim(session, proposal, now)
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


def _claim(session: Session, proposal: Proposal, now) -> None:
    """Mark `proposal` edited at `now` if nobody has edited it since it was loaded (the row
    stays locked until the commit). Raises EditConflict."""
    loaded = proposal.edited_at
    same = Proposal.edited_at.is_(None) if loaded is None else Proposal.edited_at == loaded
    claimed = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, same)
        .values(edited_at=now)
        .returning(Proposal.id),
        execution_options={"synchronize_session": False},
    ).first()
    if claimed is None:
        raise EditConflict()


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
