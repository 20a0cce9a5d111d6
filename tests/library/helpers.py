"""Building library data for view tests: committed, returning plain ids."""

from types import SimpleNamespace

from mediator_portal.extensions import db
from tests.factories import make_user
from tests.library.factories import make_file_item, make_link, make_section


def restricted_world(app, data: bytes = b"%PDF", name: str = "x.txt"):
    """A trainer, an item for everyone and a file item for trainers only (with two
    versions), in one section; ids."""
    from mediator_portal.library import services
    from tests.library.factories import upload

    with app.app_context():
        trainer = make_user("trainer")
        section = make_section(actor=trainer)
        public = make_file_item(b"public\n", "public.txt", actor=trainer, section=section.id)
        secret = make_file_item(
            b"secret\n",
            "secret.txt",
            actor=trainer,
            section=section.id,
            visible_to=["trainer"],
            title="Μυστικό μετανάστευση",
            description="μετανάστευση",
        )
        services.replace_file(db.session, secret, upload(b"secret 2\n", "s2.txt"), actor=trainer)
        link = make_link("Εσωτερικός σύνδεσμος", actor=trainer, visible_to=["trainer", "admin"])
        db.session.commit()
        return SimpleNamespace(
            trainer=trainer.id, section=section.id, public=public.id, secret=secret.id, link=link.id
        )
