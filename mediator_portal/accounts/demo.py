"""Demo data of accounts: the 8 regions, 30 municipalities and the demo accounts (every one
with the password `DEMO_PASSWORD`). Safe to run again."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts import services as accounts
from mediator_portal.accounts.models import Municipality, Region, User
from mediator_portal.database import utcnow
from mediator_portal.permissions import Role

DEMO_PASSWORD = "mediator-demo"  # noqa: S105 - documented demo password, never in production

REGIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Ανατολική Μακεδονία και Θράκη",
        "Eastern Macedonia and Thrace",
        [
            ("Δήμος Κομοτηνής", "Komotini"),
            ("Δήμος Αλεξανδρούπολης", "Alexandroupoli"),
            ("Δήμος Ξάνθης", "Xanthi"),
            ("Δήμος Καβάλας", "Kavala"),
        ],
    ),
    (
        "Αττική",
        "Attica",
        [
            ("Δήμος Αθηναίων", "Athens"),
            ("Δήμος Πειραιά", "Piraeus"),
            ("Δήμος Καλλιθέας", "Kallithea"),
            ("Δήμος Περιστερίου", "Peristeri"),
            ("Δήμος Νίκαιας - Αγίου Ιωάννη Ρέντη", "Nikaia - Agios Ioannis Rentis"),
            ("Δήμος Ασπροπύργου", "Aspropyrgos"),
            ("Δήμος Ελευσίνας", "Elefsina"),
            ("Δήμος Φυλής", "Fyli"),
            ("Δήμος Χαλανδρίου", "Chalandri"),
        ],
    ),
    (
        "Δυτική Ελλάδα",
        "Western Greece",
        [
            ("Δήμος Πατρέων", "Patras"),
            ("Δήμος Αγρινίου", "Agrinio"),
            ("Δήμος Πύργου", "Pyrgos"),
        ],
    ),
    ("Ήπειρος", "Epirus", [("Δήμος Ιωαννιτών", "Ioannina"), ("Δήμος Ηγουμενίτσας", "Igoumenitsa")]),
    (
        "Θεσσαλία",
        "Thessaly",
        [
            ("Δήμος Λαρισαίων", "Larissa"),
            ("Δήμος Βόλου", "Volos"),
            ("Δήμος Τρικκαίων", "Trikala"),
        ],
    ),
    (
        "Κεντρική Μακεδονία",
        "Central Macedonia",
        [
            ("Δήμος Θεσσαλονίκης", "Thessaloniki"),
            ("Δήμος Παύλου Μελά", "Pavlos Melas"),
            ("Δήμος Κορδελιού - Ευόσμου", "Kordelio - Evosmos"),
            ("Δήμος Σερρών", "Serres"),
            ("Δήμος Κατερίνης", "Katerini"),
        ],
    ),
    ("Κρήτη", "Crete", [("Δήμος Ηρακλείου", "Heraklion"), ("Δήμος Χανίων", "Chania")]),
    (
        "Στερεά Ελλάδα",
        "Central Greece",
        [("Δήμος Χαλκιδέων", "Chalkida"), ("Δήμος Λαμιέων", "Lamia")],
    ),
]

# Name and working languages of each demo mediator (Greek is implied for all).
MEDIATORS: list[tuple[str, list[str]]] = [
    ("Αμίνα Χασάν", ["ar", "en"]),
    ("Φαρίντ Αχμαντί", ["fa", "prs"]),
    ("Σαμίρα Μπεν Άλι", ["ar", "fr"]),
    ("Ιμπραήμ Ντιαλό", ["fr", "en"]),
    ("Ζαχρά Καρίμι", ["fa", "prs", "en"]),
    ("Αχμέτ Γιλμάζ", ["tr", "kmr"]),
    ("Μαριάμ Τεκλέ", ["ti", "am", "en"]),
    ("Ουσμάν Σαΐντ", ["ur", "pa"]),
    ("Λεϊλά Ραχίμι", ["ps", "prs"]),
    ("Νάντια Χαλίλ", ["ar"]),
    ("Ομάρ Φαρούκ", ["ar", "en"]),
    ("Ελένη Παπαδοπούλου", ["en", "fr"]),
    ("Γιώργος Αντωνίου", ["ar", "en"]),
    ("Κάμαλ Χοσεϊνί", ["fa"]),
    ("Αμπντί Γουαρσάμε", ["so", "ar"]),
    ("Σοφία Νικολάου", ["ru", "uk"]),
    ("Ρόζα Μπαρζανί", ["kmr", "ckb", "ar"]),
    ("Μοχάμαντ Ραφίκ", ["bn", "en"]),
    ("Χαλίμα Γιουσούφ", ["so", "en"]),
    ("Νικόλαος Δημητρίου", ["sq", "en"]),
    ("Σαλέχ Αμπντουλάχ", ["ar", "en"]),
    ("Γιασμίν Αζίζι", ["fa", "prs", "ps"]),
    ("Τζον Μπαπτίστ Ιλούνγκα", ["fr", "ln"]),
    ("Ναζίρ Χαν", ["ur", "ps", "pa"]),
    ("Μαρία Κωνσταντίνου", ["en", "ar"]),
    ("Χασάν Μουράντ", ["kmr", "tr"]),
    ("Λίνα Χαμντάν", ["ar", "fr"]),
    ("Ακουά Μενσά", ["en", "fr"]),
    ("Σεντίκ Αμίρι", ["prs", "ps"]),
    ("Αικατερίνη Σταύρου", ["en", "ru"]),
    ("Ντάουιτ Γκεμπρού", ["ti", "am"]),
    ("Φατιμά Ζαχρά Ελ Αμρανί", ["ar", "fr", "en"]),
]

BIG_CITIES = ("Δήμος Θεσσαλονίκης", "Δήμος Αθηναίων")

STAFF = [
    ("admin@example.org", "Διαχειριστής ΕΕΤΑΑ", Role.ADMIN, ["en"]),
    ("trainer@example.org", "Δέσποινα Λαμπράκη", Role.TRAINER, ["en", "fr"]),
    ("supervisor1@example.org", "Άννα Σωτηρίου", Role.SUPERVISOR, ["en"]),
    ("supervisor2@example.org", "Κωνσταντίνος Ρήγας", Role.SUPERVISOR, ["en", "fr"]),
]


def present(session: Session) -> bool:
    """True when the database holds an account already."""
    return session.scalar(select(User.id).limit(1)) is not None


def load(session: Session) -> dict[str, int]:
    """Create what is missing of the demo data; returns how many rows of each kind were added."""
    added = {"regions": 0, "municipalities": 0, "accounts": 0}
    municipalities = []
    for region_name, region_en, places in REGIONS:
        region = session.scalar(select(Region).where(Region.name == region_name))
        if region is None:
            region = Region(name=region_name, name_en=region_en)
            session.add(region)
            session.flush()
            added["regions"] += 1
        for name, name_en in places:
            municipality = session.scalar(
                select(Municipality).where(
                    Municipality.region_id == region.id, Municipality.name == name
                )
            )
            if municipality is None:
                municipality = Municipality(region=region, name=name, name_en=name_en)
                session.add(municipality)
                added["municipalities"] += 1
            municipalities.append(municipality)
    session.flush()
    password_hash = accounts.hash_password(DEMO_PASSWORD)
    people = [(email, name, role, langs, None) for email, name, role, langs in STAFF]
    for number, (name, langs) in enumerate(MEDIATORS, start=1):
        # 32 mediators in 30 municipalities: the two biggest cities have two each.
        place = municipalities[(number - 1) % len(municipalities)]
        if number > len(municipalities):
            place = next(m for m in municipalities if m.name == BIG_CITIES[number % 2])
        people.append((f"mediator{number:02d}@example.org", name, Role.MEDIATOR, langs, place))
    for email, name, role, langs, place in people:
        if accounts.find_by_email(session, email) is not None:
            continue
        user = User(
            email=email,
            role=role.value,
            municipality=place,
            password_hash=password_hash,
            invited_at=utcnow(),
            password_changed_at=utcnow(),
        )
        accounts.set_name(user, name)
        accounts.set_languages(user, ["el", *langs])
        session.add(user)
        added["accounts"] += 1
    session.flush()
    return added
