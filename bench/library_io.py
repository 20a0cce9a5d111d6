"""The library's uploads, downloads and search, through the app as it runs in production.

    .venv/bin/python bench/library_io.py [--size-mb 1024] [--items 1000] [--pages 50]
                                         [--queries 200] [--skip-io] [--skip-search]
                                         [--database-url postgresql://user@host/postgres]

1. Memory: starts gunicorn (one gthread worker, production settings) on a fresh database of
   its own, signs a trainer in, uploads a file of --size-mb (an MP4 header and zeros, sent
   as a streamed multipart body to the library's upload endpoint), downloads it back and
   prints the worker's resident memory when idle and its peak (VmHWM) after each: the
   upload must never be held in memory (the issue's limit: under 100 MB above idle).
2. Search: stores --items library items whose files hold --pages pages of generated Greek
   and English text (bench/search_index.py's generator), indexed as the extraction job
   would, then times --queries searches of the library's list page as a mediator (the
   permission-filtered join, the ranking, the passages of the page's 20 results) and
   prints p50/p95/max in ms (the issue's target: p95 under 50 ms).
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.mix_plan import percentile  # noqa: E402 - after the path is set
from bench.search_index import page, queries, vocabulary  # noqa: E402
from bench.server import (  # noqa: E402
    CSRF,
    base_env,
    free_port,
    own_database,
    serve,
    sign_in,
    stop,
    workdir,
)

PASSWORD = "bench library password"  # noqa: S105 - a throwaway database
CHUNK = 1024 * 1024
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def prepare(env: dict, items: int, pages: int, seed: int) -> None:
    """Migrate, add a trainer and a mediator, and the search items (in-process)."""
    os.environ.update(env)
    import flask_migrate

    from mediator_portal import create_app, fulltext
    from mediator_portal.accounts import services as accounts
    from mediator_portal.accounts.models import User
    from mediator_portal.accounts.services.passwords import hash_password
    from mediator_portal.database import utcnow
    from mediator_portal.extensions import db
    from mediator_portal.library.models import LibraryItem, LibraryVersion
    from mediator_portal.library.services import KIND
    from mediator_portal.storage import StoredFile

    app = create_app("production")
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        people = {}
        for role in ("trainer", "mediator"):
            user = User(
                email=f"{role}@bench.example.org",
                role=role,
                password_hash=hash_password(PASSWORD),
                invited_at=utcnow(),
            )
            accounts.set_name(user, f"Bench {role}")
            accounts.set_languages(user, ["el"])
            db.session.add(user)
            people[role] = user
        db.session.flush()
        rnd = random.Random(seed)
        words, weights = vocabulary(rnd, 6000)
        started = time.perf_counter()
        for number in range(items):
            text = "\n\n".join(page(rnd, words, weights, 3000) for _ in range(pages))
            stored = StoredFile(
                key=f"bench{number:027d}",
                original_name=f"doc-{number}.pdf",
                extension="pdf",
                content_type="application/pdf",
                kind="pdf",
                size=len(text),
                sha256="0" * 64,
                extracted_text=text,
            )
            item = LibraryItem(
                kind="file",
                title=page(rnd, words, weights, 60).rstrip("."),
                visible_to="trainer" if number % 10 == 0 else "",
                uploader_id=people["trainer"].id,
            )
            db.session.add_all([stored, item])
            db.session.flush()
            version = LibraryVersion(item_id=item.id, stored_file_id=stored.id, number=1)
            db.session.add(version)
            db.session.flush()
            item.current_version_id = version.id
            fulltext.index_document(db.session, KIND, item.id, title=item.title, part="meta")
            fulltext.index_document(
                db.session, KIND, item.id, title=item.title, body=text, part="file"
            )
            if number % 50 == 49:
                db.session.commit()
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        if items:
            print(f"indexed {items} items of {pages} pages in {time.perf_counter() - started:.1f}s")
        db.session.remove()
        db.engine.dispose()


def worker_pid(master: int) -> int:
    """The pid of the gunicorn worker of `master` (waiting for it to start)."""
    for _ in range(100):
        for path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = path.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                return int(path.parent.name)
        time.sleep(0.1)
    raise SystemExit("no gunicorn worker found")


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of `pid`, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) // 1024
    return values


def _get(port: int, path: str, cookie: str, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", path, headers={"Cookie": cookie, **(headers or {})})
    return connection, connection.getresponse()


def upload(port: int, cookie: str, size: int) -> tuple[str, float, str]:
    """Stream a file of `size` bytes to the upload endpoint; (item URL, seconds, sha256)."""
    connection, page = _get(port, "/library/new", cookie)
    html = page.read()
    renewed = page.getheader("Set-Cookie")
    cookie = renewed.split(";")[0] if renewed else cookie
    token = CSRF.search(html).group(1).decode()
    connection.close()
    boundary = "benchboundary7e3f"
    fields = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (("kind", "file"), ("section", "0"), ("title", "Bench video"))
    )
    head = (
        fields
        + f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="bench.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    digest = hashlib.sha256()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.putrequest("POST", "/library/upload.json")
    for name, value in (
        ("Cookie", cookie),
        ("X-CSRFToken", token),
        ("Accept", "application/json"),
        ("Content-Type", f"multipart/form-data; boundary={boundary}"),
        ("Content-Length", str(len(head) + size + len(tail))),
    ):
        connection.putheader(name, value)
    connection.endheaders()
    started = time.perf_counter()
    connection.send(head)
    sent = 0
    zeros = bytes(CHUNK)
    while sent < size:
        chunk = MP4_HEAD + zeros[len(MP4_HEAD) :] if sent == 0 else zeros
        chunk = chunk[: size - sent]
        digest.update(chunk)
        connection.send(chunk)
        sent += len(chunk)
    connection.send(tail)
    answer = connection.getresponse()
    body = answer.read()
    seconds = time.perf_counter() - started
    if answer.status != 201:
        raise SystemExit(f"upload refused: {answer.status} {body[:300]!r}")
    return json.loads(body)["url"], seconds, digest.hexdigest()


def download(port: int, cookie: str, url: str) -> tuple[int, float, str]:
    started = time.perf_counter()
    connection, answer = _get(port, url.rstrip("/") + "/download", cookie)
    digest, size = hashlib.sha256(), 0
    while chunk := answer.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    connection.close()
    return size, time.perf_counter() - started, digest.hexdigest()


def time_searches(port: int, cookie: str, count: int, seed: int) -> list[float]:
    rnd = random.Random(seed + 1)
    words, _weights = vocabulary(rnd, 6000)
    times = []
    for query in queries(rnd, words, count):
        path = "/library/?" + urllib.parse.urlencode({"q": query})
        started = time.perf_counter()
        connection, answer = _get(port, path, cookie)
        answer.read()
        times.append((time.perf_counter() - started) * 1000)
        connection.close()
        if answer.status != 200:
            raise SystemExit(f"search {query!r} answered {answer.status}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--skip-io", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = workdir("library-io-")
    size = args.size_mb * 1024 * 1024
    with own_database(args.database_url, folder) as url:
        env = {
            **base_env(url),
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "UPLOAD_MAX_VIDEO_BYTES": str(size),
            "MAX_CONTENT_LENGTH": str(size + 1024 * 1024),
            "JOBS_SQLITE_PATH": str(folder / "jobs.db"),
        }
        prepare(env, 0 if args.skip_search else args.items, args.pages, args.seed)
        port = free_port()
        server = serve("wsgi:app", port, env, 1, "gthread")
        try:
            worker = worker_pid(server.pid)
            trainer = sign_in(port, "trainer@bench.example.org", PASSWORD)
            mediator = sign_in(port, "mediator@bench.example.org", PASSWORD)
            _get(port, "/library/", mediator)[1].read()
            cold = memory(worker)
            if not args.skip_io:  # warm: the modules the gate imports on its first upload
                download(port, trainer, upload(port, trainer, CHUNK)[0])
            idle = memory(worker)
            print(
                f"server worker idle: {cold['VmRSS']} MB resident, {idle['VmRSS']} MB after "
                f"a 1 MB upload and download (peak {idle['VmHWM']} MB)"
            )
            if not args.skip_io:
                url, seconds, sent_hash = upload(port, trainer, size)
                after = memory(worker)
                print(
                    f"upload {args.size_mb} MB: {seconds:.1f}s; worker peak {after['VmHWM']} MB "
                    f"(+{after['VmHWM'] - idle['VmRSS']} MB over idle)"
                )
                got, seconds, got_hash = download(port, trainer, url)
                after = memory(worker)
                print(
                    f"download {got // (1024 * 1024)} MB: {seconds:.1f}s, same bytes: "
                    f"{got_hash == sent_hash}; worker peak {after['VmHWM']} MB "
                    f"(+{after['VmHWM'] - idle['VmRSS']} MB over idle)"
                )
            if not args.skip_search:
                times = time_searches(port, mediator, args.queries, args.seed)
                print(
                    f"search over {args.items} items x {args.pages} pages, {len(times)} queries "
                    f"(list page as a mediator): p50 {percentile(times, 50):.1f} ms, "
                    f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
                )
        finally:
            stop(server)


if __name__ == "__main__":
    main()
