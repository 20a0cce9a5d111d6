"""The library's list pages run a fixed number of queries: the same for 5 items as for
1,000 (with tags, sections, files and views), and no more than their budget."""

import pytest
from sqlalchemy import insert, select

from mediator_portal.extensions import db
from mediator_portal.library.models import (
    LibraryItem,
    LibraryTag,
    LibraryView,
    library_item_tags,
)
from tests.factories import make_user
from tests.library.factories import make_file_item, make_link, make_section

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("uploads")]

# The login session and its account (1), the navigation's counts (1), the viewer's last
# visit (1), the page's items with their total (1) and their tags and current files (2),
# what the viewer has seen of them (1), the sections and their counts (2). The unfiltered
# first page then notes the visit on the side (2: read, write); a tag filter reads the tag
# (1); a search the passages of the page's results (1).
BUDGET = {"/library/": 11, "/library/?tag=νομος&language=el": 10, "/library/?q=νομος": 10}


def build(app, items: int) -> None:
    with app.app_context():
        trainer = make_user("trainer")
        sections = [make_section(actor=trainer) for _ in range(3)]
        rows = [
            {
                "kind": "link",
                "title": f"Νόμος {number}",
                "description": "",
                "description_html": "",
                "url": "https://example.org",
                "section_id": sections[number % 3].id,
                "languages": "el,en",
                "visible_to": "trainer" if number % 5 == 0 else "",
                "uploader_id": trainer.id,
            }
            for number in range(items - 2)
        ]
        if rows:
            db.session.execute(insert(LibraryItem), rows)
        # The newest, on the first page whatever the size: a file (its version is loaded).
        make_link("Νόμος", actor=trainer, section=sections[1].id, tags="νόμος", languages=["el"])
        make_file_item(actor=trainer, section=sections[0].id, tags="νόμος", languages=["el"])
        tag = db.session.scalar(select(LibraryTag))
        untagged = select(LibraryItem.id).where(
            LibraryItem.id.not_in(select(library_item_tags.c.item_id))
        )
        ids = db.session.scalars(untagged).all()
        db.session.execute(
            insert(library_item_tags), [{"item_id": item_id, "tag_id": tag.id} for item_id in ids]
        )
        db.session.commit()


def queries(browser, count_queries, url: str) -> int:
    browser.get(url)  # warm: the visit row exists
    with count_queries() as statements:
        assert browser.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("url", sorted(BUDGET))
def test_list_pages_run_the_same_queries_for_5_and_1000_items(app, logged_in, count_queries, url):
    browser = logged_in("mediator")
    build(app, 5)
    small = queries(browser, count_queries, url)
    with app.app_context():
        viewer = browser.user.id
        db.session.execute(
            insert(LibraryView),
            [{"user_id": viewer, "item_id": i} for i in db.session.scalars(select(LibraryItem.id))],
        )
        db.session.commit()
    build(app, 1000)
    big = queries(browser, count_queries, url)
    assert small == big, (small, big)
    assert big <= BUDGET[url]
