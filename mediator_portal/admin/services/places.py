"""Regions and municipalities: create, rename, deactivate, reactivate.

Names are unique ignoring accents and case (municipalities within their region); raises NameTaken.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mediator_portal.accounts.services import Municipality, Region
from mediator_portal.admin.services.common import Actor, NameTaken, record_action, tidy
from mediator_portal.search import fold


def regions_with_municipalities(session: Session) -> list[Region]:
    """Every region, with its municipalities loaded, ordered by Greek name."""
    regions = session.scalars(select(Region).options(selectinload(Region.municipalities)))
    return sorted(regions, key=lambda region: fold(region.name))


def _check_names(rows, current, name: str, name_en: str) -> None:
    for row in rows:
        if row is current:
            continue
        if fold(row.name) == fold(name):
            raise NameTaken("name")
        if name_en and fold(row.name_en) == fold(name_en):
            raise NameTaken("name_en")


def save_region(
    session: Session, by: Actor, region: Region | None, *, name: str, name_en: str
) -> Region:
    """Create a region (`region` None) or rename one; names are unique ignoring accents and case.

    Raises NameTaken.
    """
    name, name_en = tidy(name), tidy(name_en)
    _check_names(session.scalars(select(Region)), region, name, name_en)
    action = "region.update" if region is not None else "region.create"
    if region is None:
        region = Region(name=name, name_en=name_en, active=True)
        session.add(region)
    else:
        region.name, region.name_en = name, name_en
    session.flush()
    record_action(session, by, action, region, name=name, name_en=name_en)
    return region


def save_municipality(
    session: Session,
    by: Actor,
    municipality: Municipality | None,
    *,
    region: Region,
    name: str,
    name_en: str,
) -> Municipality:
    """Create a municipality (`municipality` None) or edit one; names are unique within their
    region, ignoring accents and case. Raises NameTaken.
    """
    name, name_en = tidy(name), tidy(name_en)
    siblings = session.scalars(select(Municipality).where(Municipality.region_id == region.id))
    _check_names(siblings, municipality, name, name_en)
    action = "municipality.update" if municipality is not None else "municipality.create"
    if municipality is None:
        municipality = Municipality(region=region, name=name, name_en=name_en, active=True)
        session.add(municipality)
    else:
        municipality.region = region
        municipality.name, municipality.name_en = name, name_en
    session.flush()
    record_action(session, by, action, municipality, name=name, name_en=name_en, region=region.name)
    return municipality


def set_place_active(
    session: Session, by: Actor, place: Region | Municipality, active: bool
) -> bool:
    """Deactivate or reactivate a region or municipality; returns False when nothing changed.

    Deactivated places are no longer offered for new accounts; existing accounts keep them.
    """
    if place.active == active:
        return False
    place.active = active
    kind = "region" if isinstance(place, Region) else "municipality"
    record_action(session, by, f"{kind}.{'reactivate' if active else 'deactivate'}", place)
    session.flush()
    return True
