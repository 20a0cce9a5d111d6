"""The periods administrators define (a name, Athens days from and to, an hours target):
adding and changing one, audited."""

from datetime import date

from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.supervision.models import PERIOD_NAME_MAX, TARGET_MAX, Period
from mediator_portal.supervision.services.errors import NotFound
from mediator_portal.supervision.services.hours_errors import (
    BadPeriodDays,
    BadTarget,
    PeriodNameRequired,
    PeriodNameTooLong,
)
from mediator_portal.text import one_line


def period_or_404(session: Session, period_id: int) -> Period:
    found = session.get(Period, period_id)
    if found is None:
        raise NotFound()
    return found


def _checked(name, starts_on: date | None, ends_on: date | None, target) -> str:
    name = one_line(name)
    if not name:
        raise PeriodNameRequired()
    if len(name) > PERIOD_NAME_MAX:
        raise PeriodNameTooLong()
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise BadPeriodDays()
    if not isinstance(target, int) or isinstance(target, bool) or not 0 <= target <= TARGET_MAX:
        raise BadTarget()
    return name


def save_period(
    session: Session,
    *,
    actor,
    name,
    starts_on: date | None,
    ends_on: date | None,
    target_hours,
    period: Period | None = None,
) -> Period:
    """Add a period (or change `period`). Raises PeriodNameRequired, PeriodNameTooLong,
    BadPeriodDays, BadTarget."""
    clean = _checked(name, starts_on, ends_on, target_hours)
    created = period is None
    if period is None:
        period = Period()
        session.add(period)
    period.name, period.starts_on, period.ends_on = clean, starts_on, ends_on
    period.target_hours = target_hours
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="supervision.period.create" if created else "supervision.period.update",
        target=period,
        target_label=clean,
        details={"target_hours": target_hours},
    )
    return period
