"""Training-material library: sections, items (files with versions, or links), tags and
languages, upload with progress, safe download and preview, search inside documents, "new
since my last visit" and "seen by me".

Other features use `mediator_portal.library.services`, nothing else of this package.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.i18n import N_
from mediator_portal.library import demo, receivers, services  # noqa: F401 - handlers register
from mediator_portal.library.panels import PANELS
from mediator_portal.library.views import bp
from mediator_portal.permissions import Permission

AUDIT_ACTIONS = {
    "library.item.create": _l("Added a library item"),
    "library.item.update": _l("Edited a library item"),
    "library.item.replace": _l("Replaced the file of a library item"),
    "library.item.delete": _l("Deleted a library item"),
    "library.item.restore": _l("Restored a library item"),
    "library.item.purge": _l("Purged a library item and its files"),
    "library.section.create": _l("Created a library section"),
    "library.section.update": _l("Edited a library section"),
    "library.section.delete": _l("Deleted a library section"),
}

feature = Feature(
    name="library",
    blueprint=bp,
    audit_actions=AUDIT_ACTIONS,
    nav=(
        NavEntry(
            "library.index",
            N_("Library"),
            Permission.LIBRARY_READ,
            section="library",
            order=30,
            count=services.nav_count,
            count_text=lambda n: ngettext(
                "%(num)s new item in the library", "%(num)s new items in the library", n
            ),
        ),
    ),
    home_panels=PANELS,
    demo=Demo(load=demo.load, present=demo.present),
)

__all__ = ["bp", "feature"]
