"""The production command, started as docs/deploy.md says (scripts/serve.sh: migrate, then
gunicorn with one threaded worker), serves pages and Socket.IO together: five members
connected at once, a page still answers, a reply reaches all five live.

One process on SQLite in a temporary folder; the two-process scale-out is test_scale_out.py.
"""

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from tests.deploy.servers import (
    PUBLIC_URL,
    SERVE,
    Member,
    Server,
    Socket,
    load_demo_data,
    production_env,
    readable_topic,
)

pytestmark = pytest.mark.deploy

MEMBERS = [f"mediator{n:02d}@example.org" for n in range(1, 6)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One serve.sh process on a fresh SQLite database with the demo data."""
    folder = tmp_path_factory.mktemp("serve")
    url = f"sqlite:///{folder / 'portal.db'}"
    env = production_env(url, MAIL_OUTBOX=str(folder / "outbox"))
    load_demo_data(env)
    server = Server(env, folder / "server.log").start()
    try:
        server.wait_ready()
        yield server, url
    finally:
        server.stop()
    assert server.errors() == [], server.output()


@pytest.fixture(scope="module")
def members(site):
    server, _url = site
    with ThreadPoolExecutor(len(MEMBERS)) as pool:
        return list(pool.map(lambda email: Member(server, email), MEMBERS))


def test_serve_refuses_to_start_without_a_secret(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'x.db'}", PORT="1")
    del env["SECRET_KEY"]
    run = subprocess.run(["bash", str(SERVE)], env=env, capture_output=True, text=True, timeout=30)
    assert run.returncode != 0
    assert "SECRET_KEY" in run.stderr
    assert not (tmp_path / "x.db").exists()  # refused before migrating


def test_the_server_is_gunicorn_with_one_threaded_worker(site):
    server, _url = site
    log = server.output()
    assert "Using worker: gthread" in log
    assert log.count("Booting worker with pid") == 1


def test_five_sockets_at_once_a_page_still_answers_and_a_reply_reaches_all(site, members):
    server, url = site
    topic_id = readable_topic(url)
    with ThreadPoolExecutor(len(members)) as pool:
        sockets = list(pool.map(lambda member: Socket(server, member), members))
    try:
        assert all(sock.connected for sock in sockets)
        joined = [sock.call("join_topic", {"topic_id": topic_id}) for sock in sockets]
        assert all(answer["ok"] for answer in joined), joined

        # While all five are connected, pages answer, quickly.
        page = members[0].http.get(f"{server.url}/forums/t/{topic_id}", timeout=5)
        assert page.status_code == 200 and "csrf-token" in page.text
        assert requests.get(f"{server.url}/healthz", timeout=5).status_code == 200

        posted = members[1].reply(server, topic_id, "Απάντηση σε όλους τους συνδεδεμένους")
        assert posted.status_code == 302
        assert all(sock.heard_event("post_created", topic_id=topic_id) for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()


def test_a_foreign_origin_is_refused_in_production(site, members):
    server, _url = site
    for origin in ("http://evil.example", "http://chat.portal.test", server.url):
        with pytest.raises(socketio.exceptions.ConnectionError):
            Socket(server, members[0], origin=origin)
    own = Socket(server, members[0], origin=PUBLIC_URL)
    assert own.connected
    own.close()
