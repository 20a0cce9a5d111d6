"""Fifty mediators book one supervision slot at the same instant, against the real server.

    .venv/bin/python bench/booking_race.py [--people 50] [--capacity 1] [--workers 2]
        [--worker-class gthread|sync] [--database-url URL]

Builds a fresh database (SQLite in a temporary folder, or a new database on the PostgreSQL
server of `--database-url`): a supervisor, `--people` mediators assigned to them and one slot
of `--capacity` seats (individual when 1, a group slot otherwise) three days ahead. Serves it
with gunicorn, signs every mediator in, then releases all their booking requests at once
(one thread each, JSON answers). Prints the bookings made, the refusals by code, any 5xx,
and the p50/p99 latency; checks the database holds exactly `--capacity` live bookings.
Exits with status 1 when it does not, or on any 5xx.
"""

import argparse
import http.client
import json
import os
import re
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402 - after the path is set
from bench.mix_plan import percentile  # noqa: E402

PASSWORD = "bench-booking-password"  # noqa: S105 - a throwaway database's accounts
TOKEN = re.compile(rb'name="csrf-token" content="([^"]+)"')


def prepare(env: dict, people: int, capacity: int) -> tuple[list[str], int]:
    """Migrate and add the supervisor, the mediators and the slot (in-process); returns the
    mediators' e-mails and the slot's id."""
    os.environ.update(env)
    from datetime import time as clock
    from datetime import timedelta

    import flask_migrate

    from mediator_portal import create_app
    from mediator_portal.accounts import services as accounts
    from mediator_portal.database import utcnow
    from mediator_portal.extensions import db
    from mediator_portal.supervision import services
    from mediator_portal.timezones import to_local

    app = create_app("production")
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        secret = accounts.hash_password(PASSWORD)

        def person(role: str, number: int):
            user = accounts.User(
                email=f"{role}{number}@bench.example.org",
                role=role,
                password_hash=secret,
                invited_at=utcnow(),
            )
            accounts.set_name(user, f"Bench {role} {number}")
            accounts.set_languages(user, ["el"])
            db.session.add(user)
            return user

        admin, supervisor = person("admin", 0), person("supervisor", 0)
        mediators = [person("mediator", n) for n in range(people)]
        db.session.flush()
        for mediator in mediators:
            services.assign(
                db.session, actor=admin, mediator_id=mediator.id, supervisor_id=supervisor.id
            )
        made = services.publish(
            db.session,
            supervisor=supervisor,
            kind=services.INDIVIDUAL if capacity == 1 else services.GROUP,
            capacity=capacity,
            where=services.Where(True, "https://meet.example.org/bench"),
            day=to_local(utcnow()).date() + timedelta(days=3),
            start=clock(10, 0),
            minutes=60,
        )
        db.session.commit()
        emails, slot_id = [m.email for m in mediators], made.slots[0].id
        db.session.remove()
        db.engine.dispose()
    return emails, slot_id


def live_bookings(env: dict, slot_id: int) -> tuple[int, int]:
    """(live bookings of the slot, its seat counter), read in-process."""
    from sqlalchemy import func, select

    from mediator_portal import create_app
    from mediator_portal.extensions import db
    from mediator_portal.supervision import services

    app = create_app("production")
    with app.app_context():
        rows = db.session.scalar(
            select(func.count())
            .select_from(services.Booking)
            .where(services.Booking.slot_id == slot_id, services.Booking.status == "booked")
        )
        counter = db.session.get(services.Slot, slot_id).booked_count
        db.engine.dispose()
    return rows, counter


def signed_in(port: int, email: str) -> tuple[str, str]:
    """(Cookie header, CSRF token) of a mediator signed in through the form."""
    cookie = server.sign_in(port, email, PASSWORD)
    response, page = server.request(port, "GET", "/supervision/bookings", cookie=cookie)
    # The page's token is kept in the session: the session cookie changes with it.
    renewed = response.getheader("Set-Cookie")
    return (renewed.split(";")[0] if renewed else cookie), TOKEN.search(page).group(1).decode()


def race(port: int, clients: list[tuple[str, str]], slot_id: int) -> list[tuple[int, str, float]]:
    """Every client's booking request released at once: (status, error code, ms) each."""
    barrier = Barrier(len(clients))
    path = f"/supervision/slots/{slot_id}/book"

    def book(client: tuple[str, str]) -> tuple[int, str, float]:
        cookie, token = client
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": cookie, "X-CSRFToken": token, "Accept": "application/json"}
        barrier.wait()
        started = time.perf_counter()
        connection.request("POST", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        try:
            code = json.loads(body).get("code") or "booked"
        except ValueError:
            code = "not-json"
        return response.status, code, elapsed

    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(book, clients))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--capacity", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread", choices=("gthread", "sync"))
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = server.workdir("booking-race-")
    with server.own_database(args.database_url, folder) as url:
        env = {**server.base_env(url), "JOBS_SQLITE_PATH": str(folder / "jobs.db")}
        emails, slot_id = prepare(env, args.people, args.capacity)
        port = server.free_port()
        process = server.serve("wsgi:app", port, env, args.workers, args.worker_class)
        try:
            clients = [signed_in(port, email) for email in emails]
            results = race(port, clients, slot_id)
        finally:
            server.stop(process)
        rows, counter = live_bookings(env, slot_id)
    statuses = Counter(status for status, _, _ in results)
    codes = Counter(code for status, code, _ in results if status != 200)
    times = [elapsed for _, _, elapsed in results]
    made = statuses.get(200, 0)
    errors = sum(count for status, count in statuses.items() if status >= 500)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(
        f"{database}, {args.people} mediators at once on {args.capacity} seat(s), "
        f"{args.workers} {args.worker_class} workers"
    )
    print(f"bookings made: {made}; refusals: {sum(codes.values())} {dict(codes)}; 5xx: {errors}")
    print(f"latency: p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms")
    print(f"in the database: {rows} live bookings, seat counter {counter}")
    if errors or made != args.capacity or rows != args.capacity or counter != args.capacity:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
