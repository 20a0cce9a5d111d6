"""Proposing topics, finding similar ones while typing, loading one, and the list.

The list runs a fixed number of queries whatever its length: the total and one page of
rows (each with its author, theme and whether the viewer supports it).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal import pagination
from mediator_portal.accounts.services import LANGUAGES
from mediator_portal.search import fold, like_pattern
from mediator_portal.text import render_markdown
from mediator_portal.training.models import (
    MERGED,
    STATUSES,
    TITLE_MAX,
    Follow,
    Proposal,
    ProposalLanguage,
    Support,
    TrainingTheme,
)
from mediator_portal.training.services.errors import (
    NotFound,
    QueryTooLong,
    UnknownLanguage,
    UnknownTheme,
)
from mediator_portal.training.services.texts import clean_text, clean_title

PER_PAGE = 20
SIMILAR_LIMIT = 5
SIMILAR_MIN_WORD = 3
SIMILAR_WORDS = 6
# Words too common to say two titles are alike (folded).
STOP_WORDS = frozenset(
    ("και", "για", "την", "των", "στο", "στη", "στην", "στις", "τους", "του", "της", "απο")
    + ("με", "ενα", "μια", "the", "and", "for", "with", "from", "about", "how")
)
SORTS = ("support", "newest", "answered")
SCOPES = ("all", "mine", "supported")


def create_proposal(
    session: Session,
    *,
    author,
    title: str,
    body: str,
    theme_id: int | None,
    languages: Iterable[str] = (),
) -> Proposal:
    """Propose a topic; the proposer follows it. Raises EmptyTitle, TitleTooLong, EmptyText,
    TextTooLong, UnknownTheme (missing or archived), UnknownLanguage."""
    title = clean_title(title)
    body = clean_text(body)
    theme = session.get(TrainingTheme, theme_id) if theme_id else None
    if theme is None or theme.archived:
        raise UnknownTheme()
    codes = sorted(set(languages))
    if any(code not in LANGUAGES for code in codes):
        raise UnknownLanguage()
    proposal = Proposal(
        title=title,
        title_key=fold(title)[:TITLE_MAX],
        body=body,
        body_html=render_markdown(body),
        theme_id=theme.id,
        author_id=author.id,
        languages=[ProposalLanguage(code=code) for code in codes],
    )
    session.add(proposal)
    session.flush()
    session.add(Follow(user_id=author.id, proposal_id=proposal.id, following=True))
    session.flush()
    return proposal


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    """The proposal with its author, theme, languages, survivor and session. Raises
    NotFound."""
    proposal = session.scalar(
        select(Proposal)
        .options(
            joinedload(Proposal.author),
            joinedload(Proposal.theme),
            joinedload(Proposal.merged_into),
            joinedload(Proposal.session),
            selectinload(Proposal.languages),
        )
        .where(Proposal.id == proposal_id)
    )
    if proposal is None:
        raise NotFound()
    return proposal


def proposals_by_id(session: Session, ids: Iterable[int]) -> dict[int, Proposal]:
    """{id: proposal} of those that exist (one query): the notifications' resolver."""
    rows = session.scalars(select(Proposal).where(Proposal.id.in_(set(ids))))
    return {proposal.id: proposal for proposal in rows}


@dataclass(frozen=True)
class Similar:
    """A proposal whose title looks like what is being typed."""

    id: int
    title: str
    status: str
    support_count: int


def similar(session: Session, query: str, *, limit: int = SIMILAR_LIMIT) -> list[Similar]:
    """Open or answered proposals (not merged) whose folded title holds words of `query`
    (accent- and case-insensitive), those sharing most words first, then the most supported.
    Raises QueryTooLong above TITLE_MAX characters."""
    if len(query or "") > TITLE_MAX:
        raise QueryTooLong()
    words = [
        word
        for word in dict.fromkeys(fold(query).split())
        if len(word) >= SIMILAR_MIN_WORD and word not in STOP_WORDS
    ][:SIMILAR_WORDS]
    if not words:
        return []
    matches = [Proposal.title_key.like(like_pattern(word), escape="\\") for word in words]
    score = sum((case((match, 1), else_=0) for match in matches), start=0)
    rows = session.execute(
        select(Proposal.id, Proposal.title, Proposal.status, Proposal.support_count)
        .where(or_(*matches), Proposal.status != MERGED)
        .order_by(score.desc(), Proposal.support_count.desc(), Proposal.id.desc())
        .limit(limit)
    )
    return [Similar(*row) for row in rows]


@dataclass(frozen=True)
class ProposalRow:
    """A proposal of the list and whether the viewer supports it."""

    proposal: Proposal
    supported: bool


def _order(sort: str):
    if sort == "newest":
        return (Proposal.created_at.desc(), Proposal.id.desc())
    if sort == "answered":
        return (Proposal.answered_at.desc().nulls_last(), Proposal.id.desc())
    return (Proposal.support_count.desc(), Proposal.created_at.desc(), Proposal.id.desc())


def proposal_page(
    session: Session,
    viewer,
    *,
    sort: str = "support",
    theme_id: int | None = None,
    status: str | None = None,
    scope: str = "all",
    page: int = 1,
) -> pagination.Page:
    """One page of proposals (ProposalRow items): sorted by `sort` (SORTS), of one theme or
    status (merged ones only when asked for), all or the viewer's own or those they support.
    Two queries. Raises NotFound for a page past the end (the first always exists)."""
    supported = exists().where(Support.proposal_id == Proposal.id, Support.user_id == viewer.id)
    where = [Proposal.status == status] if status in STATUSES else [Proposal.status != MERGED]
    if theme_id:
        where.append(Proposal.theme_id == theme_id)
    if scope == "mine":
        where.append(Proposal.author_id == viewer.id)
    elif scope == "supported":
        where.append(supported)
    total = session.scalar(select(func.count()).select_from(Proposal).where(*where))
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    if page < 1 or page > pages:
        raise NotFound()
    rows = session.execute(
        select(Proposal, supported.label("supported"))
        .options(joinedload(Proposal.author), joinedload(Proposal.theme))
        .where(*where)
        .order_by(*_order(sort))
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    items = [ProposalRow(proposal, bool(mine)) for proposal, mine in rows]
    return pagination.Page(page=page, pages=pages, items=items, total=total)
