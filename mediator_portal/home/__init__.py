"""Home: the signed-in start page and the health check."""

from flask_babel import lazy_gettext as _l

from mediator_portal.features import Feature, NavEntry
from mediator_portal.home.views import bp

feature = Feature(
    name="home",
    blueprint=bp,
    nav=(NavEntry("home.index", _l("Home"), order=10),),
)

__all__ = ["bp", "feature"]
