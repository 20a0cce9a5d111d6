"""Demo training topics: five themes, four proposals by mediators with supports from
colleagues in several regions, a comment, and a trainer's answer accepting one. Safe to run
again."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.training import services
from mediator_portal.training.models import Proposal, TrainingTheme

THEMES = [
    ("Νομικό πλαίσιο", "Legal framework"),
    ("Υγεία και ψυχική υγεία", "Health and mental health"),
    ("Διερμηνεία και επικοινωνία", "Interpreting and communication"),
    ("Εκπαίδευση και παιδιά", "Education and children"),
    ("Αυτοφροντίδα και επαγγελματική εξουθένωση", "Self-care and burnout"),
]

# (author, theme index, title, description, languages, supporters (mediator numbers))
PROPOSALS = [
    (
        "mediator03@example.org",
        1,
        "Διερμηνεία σε δομές ψυχικής υγείας",
        "Πώς δουλεύουμε δίπλα σε ψυχολόγους και ψυχιάτρους χωρίς να γινόμαστε "
        "*θεραπευτές*· όρια του ρόλου, εχεμύθεια, τι κάνουμε όταν ο ωφελούμενος "
        "μας ζητά συμβουλή.",
        ("ar", "fa"),
        (1, 2, 5, 8, 13, 21),
    ),
    (
        "mediator07@example.org",
        0,
        "Οι νέες διαδικασίες για την ανανέωση άδειας διαμονής",
        "Μια παρουσίαση των αλλαγών του τελευταίου έτους, με παραδείγματα φακέλων.",
        (),
        (3, 4, 9),
    ),
    (
        "mediator12@example.org",
        4,
        "Αυτοφροντίδα μετά από δύσκολα περιστατικά",
        "Τεχνικές αποφόρτισης και πότε ζητάμε εποπτεία.",
        (),
        (2, 6),
    ),
    (
        "mediator18@example.org",
        3,
        "Εγγραφή παιδιών προσφύγων στο σχολείο",
        "Δικαιολογητικά, τάξεις υποδοχής, συνεργασία με τους διευθυντές.",
        ("ar", "ps"),
        (),
    ),
]
ANSWER = (
    "Ευχαριστούμε για την πρόταση. Τη συμπεριλαμβάνουμε στον κύκλο επιμορφώσεων του "
    "επόμενου τριμήνου· θα ανακοινωθεί ημερομηνία σύντομα."
)


def present(session: Session) -> bool:
    """True when there is a training theme already."""
    return session.scalar(select(TrainingTheme.id).limit(1)) is not None


def load(session: Session) -> dict[str, int]:
    """Create what is missing of the demo themes and proposals; returns what was added."""
    added = {"themes": 0, "proposals": 0}
    people = {user.email: user for user in session.scalars(select(User))}
    themes = []
    for name_el, name_en in THEMES:
        theme = session.scalar(select(TrainingTheme).where(TrainingTheme.name_el == name_el))
        if theme is None:
            theme = TrainingTheme(name_el=name_el, name_en=name_en, position=len(themes) + 1)
            session.add(theme)
            session.flush()
            added["themes"] += 1
        themes.append(theme)
    trainer = people.get("trainer@example.org")
    for index, (email, theme, title, body, languages, supporters) in enumerate(PROPOSALS):
        author = people.get(email)
        if author is None or session.scalar(select(Proposal.id).where(Proposal.title == title)):
            continue
        proposal = services.create_proposal(
            session,
            author=author,
            title=title,
            body=body,
            theme_id=themes[theme].id,
            languages=languages,
        )
        added["proposals"] += 1
        for number in supporters:
            supporter = people.get(f"mediator{number:02d}@example.org")
            if supporter is not None:
                services.support(session, proposal, supporter)
        if index == 0:
            colleague = people.get("mediator05@example.org")
            if colleague is not None:
                services.add_comment(
                    session,
                    proposal,
                    author=colleague,
                    body="Πολύ χρήσιμο· θα ήθελα και παραδείγματα από κέντρα υγείας.",
                )
            if trainer is not None:
                session.flush()
                services.change_status(
                    session, proposal, actor=trainer, status="accepted", body=ANSWER
                )
    return added
