"""The library's rules, through its services: links, files and versions, tags, soft delete
and purge, visibility, "seen by me", "new since my last visit", filters and search."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mediator_portal import storage
from mediator_portal.audit import AuditEntry
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.library import services
from mediator_portal.library.models import LibraryItem, LibraryTag, LibraryVersion, LibraryVisit
from tests.core.storage_files import pdf_bytes
from tests.library.conftest import files_on_disk
from tests.library.factories import make_file_item, make_link, make_section, upload

pytestmark = pytest.mark.database


def page_titles(user, filters=None):
    page = services.library_page(db.session, user, filters or services.Filters(), 1)
    return [item.title for item in page.items]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "https:///nohost",
        "example.org",
        "https://exa mple.org",
        "data:text/html,<b>x</b>",
        "",
    ],
)
def test_a_link_must_be_a_web_address(people, url):
    with pytest.raises(services.BadLink):
        make_link(actor=people["trainer"], url=url)


def test_a_link_keeps_its_address_and_renders_its_description_through_the_text_gate(people):
    item = make_link(
        actor=people["trainer"],
        url="https://example.org/a?b=1",
        description="**Σημαντικό** <script>alert(1)</script>",
    )
    assert item.url == "https://example.org/a?b=1"
    assert "<strong>Σημαντικό</strong>" in item.description_html
    assert "<script>" not in item.description_html


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_only_trainers_and_admins_add_edit_and_delete(people, role, uploads):
    someone = people[role]
    with pytest.raises(services.NotAllowed):
        make_link(actor=someone)
    with pytest.raises(services.NotAllowed):
        make_file_item(actor=someone)
    item = make_link(actor=people["trainer"])
    with pytest.raises(services.NotAllowed):
        services.update_item(db.session, item, actor=someone, title="x")
    with pytest.raises(services.NotAllowed):
        services.delete_item(db.session, item, actor=someone)
    with pytest.raises(services.NotAllowed):
        services.create_section(db.session, actor=someone, name_el="x")
    assert files_on_disk(uploads) == []


def test_tags_are_matched_by_their_folded_key(people):
    first = make_link(actor=people["trainer"], tags="Άσυλο, υγεία, ΑΣΥΛΟ")
    second = make_link(actor=people["admin"], tags="ασυλο")
    assert [tag.name for tag in first.tags] == ["Άσυλο", "υγεία"]
    assert second.tags[0].id == first.tags[0].id
    assert db.session.scalar(select(func.count()).select_from(LibraryTag)) == 2


def test_a_file_item_is_titled_after_its_file_and_replacing_keeps_every_version(people, uploads):
    trainer, admin = people["trainer"], people["admin"]
    item = make_file_item(b"first\n", "Οδηγός_ασύλου.txt", actor=trainer)
    assert item.title == "Οδηγός ασύλου"
    services.replace_file(db.session, item, upload(b"second\n", "new.txt"), actor=admin, note="Νέα")
    db.session.commit()
    versions = services.versions(db.session, item)
    assert [(v.number, v.note, v.uploader_id) for v in versions] == [
        (2, "Νέα", admin.id),
        (1, "", trainer.id),
    ]
    assert item.current_version_id == versions[0].id
    for version in versions:
        assert storage.stored_path(version.stored_file).exists()
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert "library.item.replace" in actions


def test_a_link_has_no_file_to_replace(people, uploads):
    item = make_link(actor=people["trainer"])
    with pytest.raises(services.NotAFile):
        services.replace_file(db.session, item, upload(b"x\n", "x.txt"), actor=people["trainer"])


def test_soft_delete_is_audited_and_hides_the_item_until_restored(people):
    trainer, mediator = people["trainer"], people["mediator"]
    item = make_link("Υλικό", actor=trainer)
    services.delete_item(db.session, item, actor=trainer)
    db.session.commit()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "library.item.delete"))
    assert entry.actor_id == trainer.id and entry.target_id == item.id
    assert page_titles(mediator) == [] and page_titles(trainer) == []
    assert page_titles(trainer, services.Filters(deleted=True)) == ["Υλικό"]
    assert page_titles(mediator, services.Filters(deleted=True)) == []
    with pytest.raises(services.NotFound):
        services.get_item(db.session, mediator, item.id)
    services.restore_item(db.session, item, actor=trainer)
    assert page_titles(mediator) == ["Υλικό"]


def test_purge_removes_the_rows_and_the_files_and_only_admins_purge_deleted_items(people, uploads):
    trainer, admin = people["trainer"], people["admin"]
    item = make_file_item(actor=trainer)
    services.replace_file(db.session, item, upload(b"v2\n", "v2.txt"), actor=trainer)
    db.session.commit()
    assert len(files_on_disk(uploads)) == 2
    with pytest.raises(services.NotAllowed):
        services.purge_item(db.session, item, actor=admin)  # not deleted yet
    services.delete_item(db.session, item, actor=trainer)
    with pytest.raises(services.NotAllowed):
        services.purge_item(db.session, item, actor=trainer)
    services.purge_item(db.session, item, actor=admin)
    db.session.commit()
    assert files_on_disk(uploads) == []
    assert db.session.scalar(select(func.count()).select_from(LibraryItem)) == 0
    assert db.session.scalar(select(func.count()).select_from(LibraryVersion)) == 0
    assert db.session.scalar(select(func.count()).select_from(storage.StoredFile)) == 0
    assert "library.item.purge" in db.session.scalars(select(AuditEntry.action)).all()


def test_an_item_for_trainers_is_invisible_to_mediators_everywhere(people):
    trainer, mediator, supervisor = people["trainer"], people["mediator"], people["supervisor"]
    section = make_section(actor=trainer)
    secret = make_link(
        "Εσωτερικό μετανάστευση",
        actor=trainer,
        section=section.id,
        visible_to=["trainer"],
    )
    make_link("Για όλους μετανάστευση", actor=trainer, section=section.id)
    make_link("Για εποπτεύοντες", actor=trainer, visible_to=["supervisor"])
    db.session.commit()
    assert page_titles(mediator) == ["Για όλους μετανάστευση"]
    assert services.section_counts(db.session, mediator) == {section.id: 1}
    assert services.section_counts(db.session, trainer) == {section.id: 2, None: 1}
    search = services.Filters(query="μεταναστευση")
    assert page_titles(mediator, search) == ["Για όλους μετανάστευση"]
    assert sorted(page_titles(trainer, search)) == [
        "Για όλους μετανάστευση",
        "Εσωτερικό μετανάστευση",
    ]
    assert page_titles(supervisor) == ["Για εποπτεύοντες", "Για όλους μετανάστευση"]
    assert [i.title for i in services.newest_items(db.session, mediator)] == [
        "Για όλους μετανάστευση"
    ]
    with pytest.raises(services.NotFound):
        services.get_item(db.session, mediator, secret.id)
    assert services.get_item(db.session, people["admin"], secret.id) == secret


def test_filters_combine(people):
    trainer, mediator = people["trainer"], people["mediator"]
    legal, health = make_section(actor=trainer), make_section(actor=trainer)
    make_link("A", actor=trainer, section=legal.id, tags="άσυλο", languages=["el", "ar"])
    make_link("B", actor=trainer, section=legal.id, tags="άσυλο", languages=["en"])
    make_link("C", actor=trainer, section=health.id, tags="Άσυλο", languages=["ar"])
    make_link("D", actor=trainer, section=legal.id, tags="υγεία", languages=["ar"])
    db.session.commit()
    assert page_titles(mediator, services.Filters(section_id=legal.id)) == ["D", "B", "A"]
    assert page_titles(mediator, services.Filters(tag="ασυλο")) == ["C", "B", "A"]
    assert page_titles(mediator, services.Filters(language="ar")) == ["D", "C", "A"]
    combined = services.Filters(section_id=legal.id, tag="ασυλο", language="ar")
    assert page_titles(mediator, combined) == ["A"]
    assert page_titles(mediator, services.Filters(section_id=health.id, language="en")) == []


def test_seen_by_me_and_the_count_of_mediators_who_opened(people):
    trainer, mediator = people["trainer"], people["mediator"]
    item = make_link(actor=trainer)
    db.session.commit()
    assert not services.seen_by(db.session, mediator, item.id)
    for person in (mediator, mediator, trainer, people["supervisor"]):
        services.record_view(db.session, person, item.id)
    db.session.commit()
    assert services.seen_by(db.session, mediator, item.id)
    assert services.mediators_opened(db.session, item) == 1
    page = services.library_page(db.session, mediator, services.Filters(), 1)
    assert page.seen == {item.id}


def test_new_since_my_last_visit(people):
    trainer, mediator = people["trainer"], people["mediator"]
    start = utcnow()
    old = make_link("Παλιό", actor=trainer)
    old.created_at = start - timedelta(days=2)
    mediator.created_at = start - timedelta(days=10)
    db.session.commit()
    # First visit: what was added since the account was made is new.
    assert services.new_since(db.session, mediator, start) == mediator.created_at
    services.record_visit(db.session, mediator, start - timedelta(days=1))
    db.session.commit()
    new = make_link("Νέο", actor=trainer)
    db.session.commit()
    # Back a day later: only what came after the last visit is new, and stays so while
    # one pages through the list (visits within VISIT_GAP are one).
    now = utcnow()
    since = services.new_since(db.session, mediator, now)
    assert since == start - timedelta(days=1)
    services.record_visit(db.session, mediator, now)
    db.session.commit()
    assert services.new_since(db.session, mediator, now + timedelta(minutes=5)) == since
    page = services.library_page(db.session, mediator, services.Filters(), 1, new_since=since)
    assert page.is_new(new) and not page.is_new(old)
    # The next visit, later: nothing is new any more.
    later = now + timedelta(hours=3)
    assert services.new_since(db.session, mediator, later) == now
    visit = db.session.get(LibraryVisit, mediator.id)
    assert visit.last_visit_at == now


def test_search_finds_words_inside_the_document_once_its_text_is_extracted(people, uploads):
    trainer, mediator = people["trainer"], people["mediator"]
    item = make_file_item(
        pdf_bytes("Διαδικασία ασύλου και Μετανάστευση"), "odigos.pdf", actor=trainer
    )
    db.session.commit()
    stored = services.versions(db.session, item)[0].stored_file
    stored.extracted_text = "Η διαδικασία ασύλου. Μετανάστευση και διαμεσολάβηση."
    db.session.commit()
    assert services.index_extracted(db.session, stored.id) == 1
    db.session.commit()
    page = services.library_page(db.session, mediator, services.Filters(query="μεταναστευση"), 1)
    assert [i.id for i in page.items] == [item.id]
    assert "<mark>" in page.passages[item.id]
    assert "Μετανάστευση" in page.passages[item.id]


def test_replacing_the_file_forgets_the_old_files_text(people, uploads):
    trainer, mediator = people["trainer"], people["mediator"]
    item = make_file_item(b"word\n", "a.txt", actor=trainer)
    stored = services.versions(db.session, item)[0].stored_file
    stored.extracted_text = "ξεχωριστή λέξη"
    services.index_extracted(db.session, stored.id)
    db.session.commit()
    search = services.Filters(query="ξεχωριστη")
    assert page_titles(mediator, search) == [item.title]
    services.replace_file(db.session, item, upload(b"other\n", "b.txt"), actor=trainer)
    db.session.commit()
    assert page_titles(mediator, search) == []


def test_sections_are_ordered_renamed_and_deleted_only_when_empty(people):
    trainer = people["trainer"]
    first, second = make_section("Α", actor=trainer), make_section("Β", actor=trainer)
    services.move_section(db.session, second, actor=trainer, direction="up")
    assert [s.name_el for s in services.all_sections(db.session)] == ["Β", "Α"]
    services.update_section(db.session, first, actor=trainer, name_el=" Νέο  όνομα ", name_en="New")
    assert first.name_el == "Νέο όνομα"
    make_link(actor=trainer, section=first.id)
    with pytest.raises(services.SectionNotEmpty):
        services.delete_section(db.session, first, actor=trainer)
    services.delete_section(db.session, second, actor=trainer)
    assert [s.id for s in services.all_sections(db.session)] == [first.id]


def test_a_page_past_the_end_is_not_found(people):
    with pytest.raises(services.NotFound):
        services.library_page(db.session, people["mediator"], services.Filters(), 2)
