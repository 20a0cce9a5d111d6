"""The material of a training session closes the loop: a trainer uploads files or links a
page from the session's page; each becomes a library item in the section "Training
meetings" (made when missing), linked back to the session; and everyone who proposed or
supported a proposal the session covers, or answered "going", or was marked present, is told
once per addition (not the trainer who added it; nobody who may not see the item).

The library does the storing (its services, through the core file gate) and keeps its own
rules on who sees an item; training only keeps the link (`SessionMaterial`) and registers
the item page's backlink through the library's hook.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.library import services as library
from mediator_portal.notifications import services as notifications
from mediator_portal.permissions import Permission, user_can
from mediator_portal.training.models import (
    GOING,
    PRESENT,
    Attendance,
    Proposal,
    Rsvp,
    SessionMaterial,
    Support,
    TrainingSession,
)
from mediator_portal.training.services.errors import LinkTitleMissing, NoMaterial
from mediator_portal.training.services.roles import require_manager

SECTION_EL, SECTION_EN = "Επιμορφωτικές συναντήσεις", "Training meetings"
MATERIAL_KIND = "training_material"
MATERIAL_TYPE = "training_material"

notifications.register_kind(
    notifications.Kind(
        MATERIAL_KIND,
        _l("New material of training sessions I proposed, supported or attended"),
        delivery="immediately",
    )
)


def material_section(session: Session, actor):
    """The library section "Training meetings", added (by `actor`) when there is none.
    Raises library.NotAllowed unless `actor` manages the library."""
    section = library.find_section(session, SECTION_EL, SECTION_EN)
    if section is None:
        section = library.create_section(
            session, actor=actor, name_el=SECTION_EL, name_en=SECTION_EN
        )
    return section


def add_material(
    session: Session,
    row: TrainingSession,
    *,
    actor,
    uploads: Iterable = (),
    url: str | None = None,
    title: str = "",
    description: str = "",
    visible_to: Iterable[str] = (),
) -> list:
    """Add files (`uploads`: one library item each, titled `title` when only one, else after
    its name) or a link (`url`, titled `title`) as material of session `row`, in the section
    "Training meetings", seen by `visible_to` (roles; none: every member); notify the
    session's people once. Returns the new library items. Raises NotAllowed, NoMaterial,
    LinkTitleMissing, storage.UploadRefused, library.BadLink."""
    require_manager(actor)
    files = [upload for upload in uploads if upload and upload.filename]
    url = (url or "").strip()
    if not files and not url:
        raise NoMaterial()
    if url and not title.strip():
        raise LinkTitleMissing()
    section = material_section(session, actor)
    fields = {"section": section.id, "description": description, "visible_to": list(visible_to)}
    if url:
        items = [library.create_link(session, actor=actor, url=url, title=title, **fields)]
    else:
        one_title = title if len(files) == 1 else ""
        items = [
            library.create_file_item(session, upload, actor=actor, title=one_title, **fields)
            for upload in files
        ]
    session.add_all(
        SessionMaterial(session_id=row.id, library_item_id=item.id, added_by_id=actor.id)
        for item in items
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="training.session.material",
        target=row,
        target_label=row.title,
        details={"items": [item.id for item in items]},
    )
    notifications.notify(
        session,
        material_audience(session, row),
        MATERIAL_KIND,
        notifications.Target(MATERIAL_TYPE, items[0].id),
        actor,
    )
    return items


def material_audience(session: Session, row: TrainingSession) -> list[int]:
    """Who hears of the material of `row`: the proposers and supporters of the proposals it
    covers, those going, and those marked present (each once; one query)."""
    covered = select(Proposal.id).where(Proposal.session_id == row.id)
    people = union(
        select(Proposal.author_id).where(Proposal.session_id == row.id),
        select(Support.user_id).where(Support.proposal_id.in_(covered)),
        select(Rsvp.user_id).where(Rsvp.session_id == row.id, Rsvp.answer == GOING),
        select(Attendance.user_id).where(
            Attendance.session_id == row.id, Attendance.status == PRESENT
        ),
    )
    return sorted(set(session.scalars(people)))


def material_of(session: Session, row: TrainingSession, viewer) -> list:
    """The library items of session `row` that `viewer` may see, oldest first (one query)."""
    linked = select(SessionMaterial.library_item_id).where(SessionMaterial.session_id == row.id)
    return library.visible_items(session, viewer, linked)


def _backlinks(session: Session, viewer, item) -> list:
    """The item page's "Material of the training session X" lines (one query)."""
    if not user_can(viewer, Permission.TOPIC_PROPOSE):
        return []
    rows = session.execute(
        select(TrainingSession.id, TrainingSession.title)
        .join(SessionMaterial, SessionMaterial.session_id == TrainingSession.id)
        .where(SessionMaterial.library_item_id == item.id)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    lead = _("Material of the training session")
    return [
        library.Backlink(lead, title, "training.session", {"session_id": session_id})
        for session_id, title in rows
    ]


library.register_backlinks(_backlinks)


@dataclass(frozen=True)
class Material:
    """A material item as a notification sees it: the item and its session's title."""

    item: object
    session_title: str


def _load(session: Session, ids) -> dict[int, Material]:
    items = library.items_by_id(session, ids)
    titles = dict(
        session.execute(
            select(SessionMaterial.library_item_id, TrainingSession.title)
            .join(TrainingSession, TrainingSession.id == SessionMaterial.session_id)
            .where(SessionMaterial.library_item_id.in_(list(items)))
        ).all()
    )
    return {item_id: Material(item, titles.get(item_id, "")) for item_id, item in items.items()}


def _resolve(viewer, material: Material) -> notifications.Resolved:
    item = material.item
    return notifications.Resolved(
        title=item.title,
        link=notifications.Link("library.item", (("item_id", item.id),)),
        readable=library.can_view_item(viewer, item),
    )


def _excerpt(material: Material) -> str:
    return material.session_title


notifications.register_resolver(
    MATERIAL_TYPE, notifications.Resolver(_load, _resolve, excerpt=_excerpt)
)
