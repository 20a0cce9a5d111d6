"""Demo library: five sections, links and a few small generated files (a text file, a CSV,
an image), so that `make run` shows a filled library. Safe to run again."""

import io

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from mediator_portal.accounts.services import User
from mediator_portal.library import services
from mediator_portal.library.models import LibraryItem, LibrarySection

SECTIONS = [
    ("Νομικό πλαίσιο", "Legal framework"),
    ("Υγεία", "Health"),
    ("Εκπαίδευση", "Education"),
    ("Επιμορφωτικές συναντήσεις", "Training meetings"),
    ("Γλωσσάρια και έντυπα", "Glossaries and forms"),
]

LINKS = [
    (
        "Νόμος 4939/2022 – Κώδικας μετανάστευσης (κείμενο)",
        "https://www.kodiko.gr/nomologia/document_navigation/807929/nomos-4939-2022",
        0,
        ("el",),
        "νόμος, μετανάστευση, άσυλο",
        "Ο κώδικας για την υποδοχή και το άσυλο, στην ισχύουσα μορφή του.",
    ),
    (
        "Recorded session: working with interpreters in health services",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        3,
        ("en", "el"),
        "health, interpreting",
        "The **second training meeting** of the year, recorded.",
    ),
]

TEXT = (
    "Γλωσσάριο διαπολιτισμικής μεσολάβησης\n\n"
    "Μετανάστευση: η μετακίνηση ανθρώπων από μια χώρα σε άλλη.\n"
    "Άσυλο: η προστασία που παρέχει ένα κράτος σε πρόσφυγες.\n"
    "Διερμηνεία: η προφορική απόδοση λόγου σε άλλη γλώσσα.\n"
)
CSV = "όρος,English,Français\nάσυλο,asylum,asile\nδιερμηνέας,interpreter,interprète\n"


def _png() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (320, 200), (0, 100, 204))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


FILES = [
    ("glossary.txt", lambda: TEXT.encode(), 4, ("el",), "γλωσσάριο, όροι"),
    ("terms-el-en-fr.csv", lambda: CSV.encode(), 4, ("el", "en", "fr"), "γλωσσάριο"),
    ("community-centre-poster.png", _png, 2, ("el",), "αφίσα"),
]


def present(session: Session) -> bool:
    """True when the library has a section already."""
    return session.scalar(select(LibrarySection.id).limit(1)) is not None


def load(session: Session) -> dict[str, int]:
    """Create what is missing of the demo library; returns how many rows were added."""
    added = {"sections": 0, "items": 0}
    trainer = session.scalar(select(User).where(User.role == "trainer").order_by(User.id))
    if trainer is None:
        return added
    sections = []
    for name_el, name_en in SECTIONS:
        section = session.scalar(select(LibrarySection).where(LibrarySection.name_el == name_el))
        if section is None:
            section = services.create_section(
                session, actor=trainer, name_el=name_el, name_en=name_en
            )
            added["sections"] += 1
        sections.append(section)
    titles = set(session.scalars(select(LibraryItem.title)))
    for title, url, section, languages, tags, description in LINKS:
        if title not in titles:
            services.create_link(
                session,
                actor=trainer,
                title=title,
                url=url,
                section=sections[section].id,
                languages=languages,
                tags=tags,
                description=description,
            )
            added["items"] += 1
    for name, content, section, languages, tags in FILES:
        if services.default_title(name) in titles:
            continue
        upload = FileStorage(io.BytesIO(content()), filename=name)
        services.create_file_item(
            session,
            upload,
            actor=trainer,
            section=sections[section].id,
            languages=languages,
            tags=tags,
        )
        added["items"] += 1
    session.flush()
    return added
