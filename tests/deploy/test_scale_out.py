"""Scale-out: two serve.sh processes on one PostgreSQL database and one Redis (the message
queue and the limiter's storage), as docs/deploy.md describes behind a proxy with sticky
sessions. Members' sockets are on both; what one process does reaches the other's.
"""

import pytest

from tests.deploy.servers import (
    Browser,
    Member,
    Server,
    Socket,
    database_query,
    load_demo_data,
    production_env,
    readable_topic,
    sign_in,
    user_id,
)

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_url, redis_settings):
    """Processes A and B, started at once (one migrates, the other waits for it)."""
    folder = tmp_path_factory.mktemp("scale_out")
    env = production_env(postgres_url, LOGIN_LIMIT="4 per minute", **redis_settings)
    servers = [Server(env, folder / f"server_{name}.log") for name in "ab"]
    for server in servers:
        server.start()
    try:
        for server in servers:
            server.wait_ready()
        load_demo_data(env)
        yield (*servers, postgres_url)
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        assert server.errors() == [], server.output()


@pytest.fixture
def sockets():
    """Sockets opened by a test, closed after it."""
    opened: list[Socket] = []

    def open_socket(server, member) -> Socket:
        opened.append(Socket(server, member))
        return opened[-1]

    yield open_socket
    for sock in opened:
        sock.close()


def test_both_processes_migrated_one_database_once(cluster):
    a, b, url = cluster
    assert database_query(url, "SELECT count(*) FROM alembic_version") == 1
    upgrades = [s.output().count("Running upgrade  ->") for s in (a, b)]
    assert sorted(upgrades) == [0, 1]  # one process migrated; the other found it done


def test_a_reply_through_one_process_reaches_clients_of_both(cluster, sockets):
    a, b, url = cluster
    topic_id = readable_topic(url)
    on_a = sockets(a, Member(a, "mediator01@example.org"))
    on_b = [sockets(b, Member(b, f"mediator{n:02d}@example.org")) for n in (2, 3)]
    for sock in [on_a, *on_b]:
        assert sock.call("join_topic", {"topic_id": topic_id})["ok"]

    writer = Member(a, "mediator04@example.org")
    assert writer.reply(a, topic_id, "Από τη διεργασία Α").status_code == 302
    for sock in [on_a, *on_b]:
        assert sock.heard_event("post_created", topic_id=topic_id)

    # And the other way round.
    assert Member(b, "mediator05@example.org").reply(b, topic_id, "Από τη Β").status_code == 302
    assert on_a.heard_event("post_created", topic_id=topic_id, number=_last_number(url, topic_id))


def _last_number(url: str, topic_id: int) -> int:
    return database_query(
        url, "SELECT max(number) FROM forum_posts WHERE topic_id = :t", t=topic_id
    )


def test_signing_out_through_one_process_closes_the_sockets_in_the_other(cluster, sockets):
    a, b, url = cluster
    topic_id = readable_topic(url)
    member = Member(a, "mediator06@example.org")
    on_b = sockets(b, member)
    also_on_a = sockets(a, member)
    bystander = sockets(b, Member(b, "mediator07@example.org"))
    for sock in (on_b, also_on_a, bystander):
        assert sock.call("join_topic", {"topic_id": topic_id})["ok"]

    assert member.post(a, "/auth/logout").status_code == 302
    assert on_b.ended.wait(10) and also_on_a.ended.wait(10)
    assert on_b.heard_event("session_ended")
    assert not on_b.connected and not also_on_a.connected
    assert bystander.connected

    # The revoked cookie cannot connect again, to either process, and hears nothing more.
    for server in (a, b):
        with pytest.raises(Exception, match="namespaces failed to connect"):
            Socket(server, member)
    heard = len(on_b.heard)
    Member(a, "mediator08@example.org").reply(a, topic_id, "Μετά την αποσύνδεση")
    assert bystander.heard_event(
        "post_created", topic_id=topic_id, number=_last_number(url, topic_id)
    )
    assert len(on_b.heard) == heard


def test_deactivating_a_member_closes_their_sockets_in_every_process(cluster, sockets):
    a, b, url = cluster
    target = "mediator09@example.org"
    on_a = sockets(a, Member(a, target))
    on_b = sockets(b, Member(b, target))  # a second browser, signed in through B
    admin = Member(a, "admin@example.org")
    answer = admin.post(a, f"/admin/users/{user_id(url, target)}/deactivate")
    assert answer.status_code == 302
    assert on_a.ended.wait(10) and on_b.ended.wait(10)
    assert not on_a.connected and not on_b.connected


def test_a_session_revoked_behind_a_process_is_refused_at_its_next_event(cluster, sockets):
    """Each process checks the login session on every event, not only at connect: revoked
    in the database alone (no message at all), the next join is refused and closed."""
    a, b, url = cluster
    topic_id = readable_topic(url)
    member = Member(b, "mediator10@example.org")
    on_b = sockets(b, member)
    assert on_b.call("join_topic", {"topic_id": topic_id})["ok"]
    database_query(
        url,
        "UPDATE login_sessions SET revoked_at = now() WHERE user_id = :u RETURNING id",
        u=user_id(url, member.email),
    )
    answers = []
    on_b.client.emit("join_topic", {"topic_id": topic_id}, callback=lambda *a: answers.append(a))
    assert on_b.ended.wait(10)  # refused and disconnected (the ack may not arrive before)
    assert all(answer[0]["ok"] is False for answer in answers), answers


def test_failed_sign_ins_are_counted_across_both_processes(cluster):
    """The limiter's storage is Redis: 4 failures per minute per address, wherever made."""
    a, b, _url = cluster
    guesser = Browser()
    codes = [
        sign_in(guesser, server, "nobody@example.org", "wrong password!").status_code
        for server in (a, b, a, b, a)
    ]
    # Refused as wrong (422, or 200 once the account is under protection), then 429.
    assert all(code in (200, 422) for code in codes[:4]) and codes[4] == 429, codes
