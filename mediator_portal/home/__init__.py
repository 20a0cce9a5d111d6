"""Home: the signed-in start page and the health check."""

from mediator_portal.features import Feature, NavEntry
from mediator_portal.home.views import bp
from mediator_portal.i18n import N_

feature = Feature(
    name="home",
    blueprint=bp,
    nav=(NavEntry("home.index", N_("Home"), order=10),),
)

__all__ = ["bp", "feature"]
