"""The app starts, answers its health check and serves the login page."""


def test_healthz_reports_app_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == "ok"


def test_login_page_renders_in_greek_by_default(client):
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert 'lang="el"' in response.text
    assert "Σύνδεση" in response.text


def test_signed_in_mediator_sees_home(logged_in):
    browser = logged_in("mediator", name="Αμίνα Χασάν")
    response = browser.get("/")
    assert response.status_code == 200
    assert "Αμίνα Χασάν" in response.text
