"""The library's rules: what other features and the views may use."""

from mediator_portal.library.services.access import (
    can_manage,
    can_purge,
    can_view_item,
    visible_items_clause,
)
from mediator_portal.library.services.errors import (
    BadLink,
    LibraryError,
    NoFile,
    NotAFile,
    NotAllowed,
    NotFound,
    OneFileAtATime,
    SectionNotEmpty,
)
from mediator_portal.library.services.hooks import (
    Backlink,
    backlinks,
    find_section,
    items_by_id,
    register_backlinks,
    visible_items,
)
from mediator_portal.library.services.indexing import KIND, index_extracted
from mediator_portal.library.services.items import (
    clean_url,
    create_file_item,
    create_link,
    default_title,
    delete_item,
    parse_tags,
    purge_item,
    replace_file,
    restore_item,
    update_item,
)
from mediator_portal.library.services.listing import (
    PER_PAGE,
    QUERY_MAX,
    Filters,
    LibraryPage,
    find_tag,
    get_item,
    get_version,
    library_page,
    mediators_opened,
    nav_count,
    new_since,
    newest_items,
    record_view,
    record_visit,
    section_counts,
    seen_by,
    versions,
)
from mediator_portal.library.services.sections import (
    all_sections,
    create_section,
    delete_section,
    get_section,
    move_section,
    update_section,
)
