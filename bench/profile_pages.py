"""Where a page's time goes: the benchmark pages served in-process, timed and profiled.

    .venv/bin/python bench/profile_pages.py [--requests 300] [--page index|big_topic|home|latest]
                                            [--top 30]
                                            [--save FILE]
                                            [--no-post-cache]

Loads the benchmark data into a fresh SQLite database (as forum_pages.py does), signs in
with the production configuration and requests each page (the category list, the big topic,
then home and the Latest list) through the WSGI app, with no server and no network. Prints
the mean milliseconds per request, then, with --page, the functions that take the most time
(cProfile, sorted by own time and by cumulative time)."""

import argparse
import cProfile
import os
import pstats
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.forum_pages import pages  # noqa: E402 - after the path is set
from bench.server import prepare_database  # noqa: E402

BASE_URL = "https://127.0.0.1"


def _signed_in_client(app, email: str, password: str):
    client = app.test_client()
    html = client.get("/auth/login", base_url=BASE_URL).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post(
        "/auth/login",
        data={"csrf_token": token, "email": email, "password": password},
        base_url=BASE_URL,
        headers={"Referer": f"{BASE_URL}/auth/login"},
    )
    if response.status_code != 302:
        raise SystemExit(f"sign-in failed with status {response.status_code}")
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", help="JSON from forum_dataset.py --json")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--page", choices=["index", "big_topic", "home", "latest"], help="profile this page"
    )
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--save", help="also write the profile to this file (pstats format)")
    parser.add_argument(
        "--no-post-cache", action="store_true", help="render every post (POST_CACHE_BYTES=0)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-profile-"))
    env = {
        "MEDIATOR_PORTAL_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "NOTES_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "LOGIN_LIMIT": "1000 per minute",
        "PUBLIC_URL": BASE_URL,
    }
    if args.no_post_cache:
        env["POST_CACHE_BYTES"] = "0"
    info = prepare_database(env, args.dataset)
    os.environ.update(env)
    from mediator_portal import create_app

    app = create_app("production")
    client = _signed_in_client(app, info["login_email"], info["password"])
    paths = dict(pages(info))

    def fetch(path: str) -> None:
        response = client.get(path, base_url=BASE_URL)
        assert response.status_code == 200, f"{path} answered {response.status_code}"

    for name, path in paths.items():
        for _ in range(20):  # warm caches, as a long-running worker has them
            fetch(path)
        started = time.perf_counter()
        for _ in range(args.requests):
            fetch(path)
        elapsed = (time.perf_counter() - started) / args.requests * 1000
        print(f"{name:<10} {elapsed:6.2f} ms per request (in-process, {args.requests} requests)")
    if args.page:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            fetch(paths[args.page])
        profiler.disable()
        if args.save:
            profiler.dump_stats(args.save)
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
