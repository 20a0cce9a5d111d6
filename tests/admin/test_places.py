"""Admin pages for regions and municipalities: create, rename, deactivate, reactivate."""

import pytest
from sqlalchemy import select

from mediator_portal.accounts.models import Municipality, Region
from mediator_portal.audit import AuditEntry

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def regions(read_db):
    return read_db(lambda s: {r.name: (r.name_en, r.active) for r in s.scalars(select(Region))})


def municipalities(read_db):
    return read_db(
        lambda s: {
            m.name: (m.name_en, m.region_id, m.active) for m in s.scalars(select(Municipality))
        }
    )


def actions(read_db):
    return read_db(lambda s: list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id))))


def test_list_shows_regions_and_their_municipalities(admin, places):
    page = admin.get("/admin/regions")
    assert page.status_code == 200
    for name in ("Αττική", "Attica", "Κρήτη", "Αθηναίων", "Πειραιά", "Ηρακλείου"):
        assert name in page.text
    assert 'class="govgr-table data stack"' in page.text


def test_create_and_rename_a_region(admin, read_db):
    created = admin.post("/admin/regions/new", data={"name": " Ήπειρος ", "name_en": "Epirus"})
    assert created.status_code == 302
    assert regions(read_db) == {"Ήπειρος": ("Epirus", True)}
    region_id = read_db(lambda s: s.scalar(select(Region.id)))
    assert "Ήπειρος" in admin.get(f"/admin/regions/{region_id}").text
    renamed = admin.post(
        f"/admin/regions/{region_id}", data={"name": "Περιφέρεια Ηπείρου", "name_en": "Epirus"}
    )
    assert renamed.status_code == 302
    assert regions(read_db) == {"Περιφέρεια Ηπείρου": ("Epirus", True)}
    assert actions(read_db) == ["region.create", "region.update"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "ΑΤΤΙΚΗ", "name_en": "Somewhere"}, "name"),
        ({"name": "αττικη", "name_en": ""}, "name"),
        ({"name": "Νέα", "name_en": "CRETE"}, "name_en"),
    ],
)
def test_duplicate_region_names_are_refused(admin, places, read_db, data, field):
    response = admin.post("/admin/regions/new", data=data)
    assert response.status_code == 422
    assert "Another region already has this name." in response.text
    assert f'aria-invalid="true" id="{field}"' in response.text or f'id="{field}-error"' in (
        response.text
    )
    assert data["name"] in response.text  # what was typed is kept
    assert len(regions(read_db)) == 2
    assert actions(read_db) == []


def test_renaming_a_region_to_its_own_name_is_fine(admin, places):
    response = admin.post(
        f"/admin/regions/{places['attica']}", data={"name": "Αττική", "name_en": "Attica region"}
    )
    assert response.status_code == 302


def test_create_and_edit_a_municipality(admin, places, read_db):
    form = admin.get(f"/admin/municipalities/new?region={places['crete']}")
    assert form.status_code == 200
    assert f'<option selected value="{places["crete"]}">' in form.text
    created = admin.post(
        "/admin/municipalities/new",
        data={"region_id": str(places["crete"]), "name": "Χανίων", "name_en": "Chania"},
    )
    assert created.status_code == 302
    assert municipalities(read_db)["Χανίων"] == ("Chania", places["crete"], True)
    chania = read_db(
        lambda s: s.scalar(select(Municipality.id).where(Municipality.name == "Χανίων"))
    )
    moved = admin.post(
        f"/admin/municipalities/{chania}",
        data={"region_id": str(places["attica"]), "name": "Χανιά", "name_en": "Chania"},
    )
    assert moved.status_code == 302
    assert municipalities(read_db)["Χανιά"] == ("Chania", places["attica"], True)
    assert actions(read_db) == ["municipality.create", "municipality.update"]


def test_same_municipality_name_is_allowed_in_another_region(admin, places):
    response = admin.post(
        "/admin/municipalities/new",
        data={"region_id": str(places["crete"]), "name": "Αθηναίων", "name_en": ""},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"name": "ΑΘΗΝΑΙΩΝ", "name_en": ""},
        {"name": "Νέος Δήμος", "name_en": "piraeus"},
    ],
)
def test_duplicate_municipality_names_in_a_region_are_refused(admin, places, read_db, data):
    data = {"region_id": str(places["attica"]), **data}
    response = admin.post("/admin/municipalities/new", data=data)
    assert response.status_code == 422
    assert "Another municipality of this region already has this name." in response.text
    assert len(municipalities(read_db)) == 3


@pytest.mark.parametrize("region_id", ["", "999999", "abc"])
def test_municipality_needs_a_real_region(admin, places, read_db, region_id):
    response = admin.post(
        "/admin/municipalities/new", data={"region_id": region_id, "name": "Δήμος Πουθενά"}
    )
    assert response.status_code == 422
    assert "Δήμος Πουθενά" in response.text
    assert len(municipalities(read_db)) == 3


@pytest.mark.parametrize("kind", ["regions", "municipalities"])
def test_deactivate_and_reactivate_places(admin, places, read_db, kind):
    place_id = places["attica"] if kind == "regions" else places["athens"]
    model = Region if kind == "regions" else Municipality
    singular = "region" if kind == "regions" else "municipality"

    def active():
        return read_db(lambda s: s.get(model, place_id).active)

    assert admin.post(f"/admin/{kind}/{place_id}/deactivate").status_code == 302
    assert active() is False
    page = admin.get("/admin/regions")
    assert "Reactivate" in page.text
    assert admin.post(f"/admin/{kind}/{place_id}/reactivate").status_code == 302
    assert active() is True
    assert actions(read_db) == [f"{singular}.deactivate", f"{singular}.reactivate"]


def test_deactivated_municipality_is_not_offered_for_new_accounts(admin, places):
    admin.post(f"/admin/municipalities/{places['piraeus']}/deactivate")
    page = admin.get("/admin/users/new")
    assert "Athens" in page.text  # English interface: English names
    assert "Piraeus" not in page.text


def test_municipalities_of_a_deactivated_region_are_not_offered(admin, places):
    admin.post(f"/admin/regions/{places['crete']}/deactivate")
    page = admin.get("/admin/users/new")
    assert "Athens" in page.text
    assert "Heraklion" not in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/admin/regions/999999",
        "/admin/municipalities/999999",
        "/admin/regions/999999/deactivate",
        "/admin/municipalities/999999/reactivate",
    ],
)
def test_unknown_places_are_404(admin, path):
    assert admin.post(path, data={"name": "x"}).status_code == 404


@pytest.mark.parametrize(
    "path", ["/admin/regions/1/deactivate", "/admin/regions/new", "/admin/municipalities/new"]
)
def test_place_forms_need_the_csrf_token(admin, places, path):
    assert admin.post(path, data={"name": "Κάτι"}, csrf=False).status_code == 400
