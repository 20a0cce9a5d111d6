"""Demo message board: five categories, a few realistic topics in Greek, a long topic (64 posts:
what a busy discussion looks like, for screenshots and trying the page out) and an open report
for the moderators' queue. Safe to run again."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.forums import services
from mediator_portal.forums.models import Category, Topic

# (name_el, name_en, description_el, description_en, sensitive, may start topics)
CATEGORIES = [
    (
        "Ανακοινώσεις",
        "Announcements",
        "Ανακοινώσεις της ΕΕΤΑΑ: επιμορφώσεις, προθεσμίες, αλλαγές στη δράση.",
        "EETAA announcements: training sessions, deadlines, changes to the action.",
        False,
        "trainer,admin",
    ),
    (
        "Συζήτηση περιστατικών",
        "Case discussions",
        "Δύσκολα περιστατικά και πώς τα χειριστήκαμε, χωρίς στοιχεία που ταυτοποιούν πρόσωπα.",
        "Difficult cases and how we handled them, without anything that identifies a person.",
        True,
        "",
    ),
    (
        "Ανταλλαγή εμπειριών",
        "Exchange of experience",
        "Καλές πρακτικές, εργαλεία και ιδέες από την καθημερινή δουλειά στα ΚΚ/ΚΕΜ.",
        "Good practice, tools and ideas from everyday work in the Community Centres.",
        False,
        "",
    ),
    (
        "Νομικό πλαίσιο και διαδικασίες",
        "Legal framework and procedures",
        "Άσυλο, άδειες διαμονής, ΑΜΚΑ/ΠΑΑΥΠΑ, πρόσβαση σε υπηρεσίες: "
        "τι ισχύει και πού το βρίσκουμε.",
        "Asylum, residence permits, AMKA/PAAYPA, access to services: "
        "the rules and where to find them.",
        False,
        "",
    ),
    (
        "Δικτύωση",
        "Networking",
        "Γνωριμίες, συνεργασίες μεταξύ δήμων, εκδηλώσεις.",
        "Getting to know each other, cooperation between municipalities, events.",
        False,
        "",
    ),
]

# category index -> [(author email, title, first post, [(author email, reply)])]
TOPICS = {
    0: [
        (
            "trainer@example.org",
            "Πρόγραμμα επιμορφώσεων Δεκεμβρίου",
            "Καλησπέρα σε όλες και όλους,\n\nη επόμενη διαδικτυακή επιμόρφωση "
            "θα γίνει την **Τρίτη** στις 11:00, με θέμα *τη διερμηνεία σε δομές υγείας*. "
            "Ο σύνδεσμος θα σταλεί μία μέρα πριν.\n\n"
            "- Διάρκεια: 2 ώρες\n- Υλικό: στη βιβλιοθήκη της πλατφόρμας",
            [
                (
                    "mediator01@example.org",
                    "Ευχαριστούμε! Θα υπάρχει καταγραφή για όσους είμαστε σε βάρδια;",
                ),
                (
                    "trainer@example.org",
                    "Ναι, η καταγραφή θα ανέβει στη βιβλιοθήκη την ίδια εβδομάδα.",
                ),
            ],
        ),
    ],
    1: [
        (
            "mediator02@example.org",
            "Διερμηνεία σε ραντεβού ψυχικής υγείας",
            "Σε ραντεβού στο Κέντρο Ψυχικής Υγείας η ψυχολόγος ζήτησε να μεταφράζω και όσα "
            "συζητούσαν τα μέλη της οικογένειας μεταξύ τους. Πώς το χειρίζεστε εσείς; "
            "Πού βάζετε το όριο;",
            [
                (
                    "mediator05@example.org",
                    "Εγώ το λέω από την αρχή: μεταφράζω **ό,τι ακούγεται** στο δωμάτιο, "
                    "και το ξέρουν όλοι. Έτσι δεν νιώθει κανείς ότι κρύβεται κάτι.",
                ),
                (
                    "supervisor1@example.org",
                    "Καλό θέμα για την επόμενη ομαδική εποπτεία. Φέρτε και άλλα παραδείγματα.",
                ),
            ],
        ),
    ],
    2: [
        (
            "mediator03@example.org",
            "Γλωσσάρια υγείας σε αραβικά και φαρσί",
            "Φτιάξαμε στο ΚΚ ένα μικρό γλωσσάρι με όρους από τα ραντεβού στα νοσοκομεία "
            "(εξετάσεις αίματος, παραπεμπτικό, εφημερία).\n\n| Ελληνικά | العربية | فارسی |\n"
            "|---|---|---|\n| παραπεμπτικό | إحالة | ارجاع |\n| εφημερία | مناوبة | کشیک |",
            [
                (
                    "mediator14@example.org",
                    "Πολύ χρήσιμο! Μπορώ να προσθέσω και τους όρους στα νταρί;",
                )
            ],
        ),
    ],
    3: [
        (
            "mediator04@example.org",
            "Ανανέωση άδειας διαμονής: ποια δικαιολογητικά ζητούν τώρα;",
            "Άλλαξε κάτι στη λίστα δικαιολογητικών για την ανανέωση; Στον δήμο μας μας είπαν "
            "διαφορετικά από όσα γράφει το migration.gov.gr.",
            [("trainer@example.org", "Θα το δούμε στην επιμόρφωση για το νομικό πλαίσιο.")],
        ),
    ],
    4: [
        (
            "mediator06@example.org",
            "Γνωριμία: ΚΚ Θεσσαλονίκης",
            "Γεια σας! Είμαι στο ΚΚ Θεσσαλονίκης, μιλάω τουρκικά και κουρμαντζί. "
            "Αν χρειαστείτε βοήθεια με αυτές τις γλώσσες, γράψτε μου.",
            [("mediator07@example.org", "Καλώς ήρθες! Εδώ τιγκρίνια και αμχαρικά, από Πάτρα.")],
        ),
    ],
}


# A long discussion in "Exchange of experience": replies cycle through these authors and texts.
LONG_TOPIC = (
    2,
    "mediator08@example.org",
    "Πρώτη επαφή με οικογένειες που μόλις έφτασαν: τι σας έχει βοηθήσει;",
    "Ξεκινάμε ένα νήμα με ό,τι έχει δουλέψει στην **πρώτη συνάντηση** με οικογένειες που "
    "μόλις έφτασαν στον δήμο. Γράψτε τις δικές σας πρακτικές, μικρές ή μεγάλες.",
)
LONG_TOPIC_REPLIES = 63
LONG_TOPIC_TEXTS = (
    "Ξεκινάω πάντα με τα πρακτικά: πού θα κοιμηθούν απόψε, αν έχουν φάρμακα, αν πεινάνε.",
    "Έχουμε ένα φυλλάδιο σε πέντε γλώσσες με τις υπηρεσίες του δήμου. Βοηθά πολύ.",
    "Ρωτάω ποια γλώσσα θέλουν να μιλήσουμε, ακόμη κι αν νομίζω ότι την ξέρω.",
    "Κρατάμε την πρώτη συνάντηση σύντομη: *μισή ώρα* το πολύ, και κλείνουμε δεύτερη.",
    "Τα παιδιά δεν μεταφράζουν ποτέ για τους γονείς τους στα δικά μας ραντεβού.",
    "Καλό είναι να εξηγούμε από την αρχή τι **δεν** μπορούμε να κάνουμε, για να μη "
    "δημιουργούνται προσδοκίες.",
    "Στο ΚΚ έχουμε ήσυχο δωμάτιο για τις πρώτες συναντήσεις, μακριά από την αναμονή.",
    "Σημειώνω τα ραντεβού σε χαρτί για την οικογένεια: το κινητό δεν είναι πάντα φορτισμένο.",
    "Συμφωνώ. Προσθέτω: ρωτάμε αν υπάρχει κάποιος στην οικογένεια με χρόνια πάθηση.",
    "Για τα σχολεία: η εγγραφή γίνεται και χωρίς όλα τα έγγραφα, το λέμε από την πρώτη μέρα.",
    "Μας βοήθησε πολύ η συνεργασία με τον κοινωνικό λειτουργό του δήμου από την αρχή.",
    "Ένα ποτήρι νερό και λίγος χρόνος χωρίς ερωτήσεις κάνουν μεγάλη διαφορά.",
    "Ποιος έχει εμπειρία με οικογένειες που μιλούν μόνο σομαλικά; Ψάχνουμε διερμηνέα.",
    "Εμείς συνεργαζόμαστε με το ΚΚ του γειτονικού δήμου για σπάνιες γλώσσες.",
    "Μην ξεχνάτε να ρωτάτε για το ΑΜΚΑ/ΠΑΑΥΠΑ: χωρίς αυτό κολλάνε όλα τα ραντεβού υγείας.",
    "Ευχαριστώ για τις ιδέες. Θα φτιάξουμε κι εμείς λίστα ελέγχου για την πρώτη επαφή.",
)
LONG_TOPIC_AUTHORS = tuple(f"mediator{n:02d}@example.org" for n in range(1, 17)) + (
    "trainer@example.org",
    "supervisor1@example.org",
)
# An open report in the moderators' queue: (reporter, reply number in the long topic, reason).
DEMO_REPORT = (
    "mediator09@example.org",
    13,
    "Αναφέρει τη χώρα και τη γλώσσα μιας οικογένειας: ίσως ταυτοποιείται.",
)


def present(session: Session) -> bool:
    """True when the board has a category already."""
    return session.scalar(select(Category.id).limit(1)) is not None


def load(session: Session) -> dict[str, int]:
    """Create what is missing of the demo board; returns how many rows of each kind were added."""
    added = {"categories": 0, "topics": 0}
    people = {user.email: user for user in session.scalars(select(User))}
    position = session.scalar(select(func.coalesce(func.max(Category.position), 0)))
    for index, (name_el, name_en, desc_el, desc_en, sensitive, starters) in enumerate(CATEGORIES):
        category = session.scalar(select(Category).where(Category.name_el == name_el))
        if category is None:
            position += 1
            category = Category(
                name_el=name_el,
                name_en=name_en,
                description_el=desc_el,
                description_en=desc_en,
                sensitive=sensitive,
                can_start_topics=starters,
                position=position,
            )
            session.add(category)
            session.flush()
            added["categories"] += 1
        for email, title, body, replies in TOPICS.get(index, []):
            exists = session.scalar(
                select(Topic.id).where(Topic.category_id == category.id, Topic.title == title)
            )
            if exists is not None or email not in people:
                continue
            topic = services.start_topic(
                session, category=category, author=people[email], title=title, body=body
            )
            for reply_email, reply in replies:
                if reply_email in people:
                    services.reply_to_topic(
                        session, topic=topic, author=people[reply_email], body=reply
                    )
            added["topics"] += 1
    added["topics"] += _long_topic(session, people)
    session.flush()
    return added


def _long_topic(session: Session, people: dict[str, User]) -> int:
    """The long topic and its open report, when missing; returns 1 when it was added."""
    index, email, title, body = LONG_TOPIC
    category = session.scalar(select(Category).where(Category.name_el == CATEGORIES[index][0]))
    authors = [people[e] for e in LONG_TOPIC_AUTHORS if e in people]
    if category is None or email not in people or not authors:
        return 0
    exists = select(Topic.id).where(Topic.category_id == category.id, Topic.title == title)
    if session.scalar(exists) is not None:
        return 0
    topic = services.start_topic(
        session, category=category, author=people[email], title=title, body=body
    )
    replies = []
    for number in range(LONG_TOPIC_REPLIES):
        text = LONG_TOPIC_TEXTS[number % len(LONG_TOPIC_TEXTS)]
        author = authors[number % len(authors)]
        replies.append(services.reply_to_topic(session, topic=topic, author=author, body=text))
    reporter, number, reason = DEMO_REPORT
    if reporter in people:
        services.report_post(session, replies[number], reporter=people[reporter], reason=reason)
    return 1
