"""The forum benchmark data: the shared generator's JSON, or the same shape made here.

`python ../shared/data/forum_dataset.py --json FILE` writes the data the peer (FlaskBB)
was measured with; `read(path)` loads it. Without a file, `generate()` uses that generator
when ../shared/data is next to the repository, else makes data of the same shape
(32 users, 5 forums, 200 topics, 20,000 posts of about 400 characters, one 500-post topic).
"""

import importlib.util
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

SHARED_GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "data" / "forum_dataset.py"


def read(path: str) -> dict:
    """Load a dataset written by forum_dataset.py --json."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    for topic in data["topics"]:
        for post in topic["posts"]:
            post["created"] = datetime.fromisoformat(post["created"])
    return data


def generate() -> dict:
    """The benchmark data, from the shared generator when available."""
    if SHARED_GENERATOR.exists():
        spec = importlib.util.spec_from_file_location("forum_dataset", SHARED_GENERATOR)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.generate()
    return _same_shape()


def _same_shape(seed: int = 20240501) -> dict:
    rnd = random.Random(seed)
    words = [
        "server",
        "client",
        "request",
        "database",
        "query",
        "index",
        "cache",
        "session",
        "page",
        "topic",
        "post",
    ]
    users = [{"username": "admin", "email": "admin@example.org"}] + [
        {"username": f"user{i}", "email": f"user{i}@example.org"} for i in range(1, 32)
    ]
    forums = [{"title": f"Forum {i}", "description": f"About forum {i}."} for i in range(5)]
    base, extra = divmod(20_000 - 500, 199)
    counts = [500] + [base + (1 if i < extra else 0) for i in range(199)]
    start = datetime(2024, 1, 1, 8)
    topics = []
    for t, count in enumerate(counts):
        moment = start + timedelta(hours=40 * t)
        posts = []
        for _ in range(count):
            text = " ".join(rnd.choice(words) for _ in range(60))
            body = f"{text[:200]} **{rnd.choice(words)}**\n\n- {text[200:300]}\n\n{text[300:400]}"
            posts.append({"author": rnd.randrange(32), "content": body, "created": moment})
            moment += timedelta(minutes=rnd.randint(1, 90))
        topics.append(
            {
                "title": f"Topic {t + 1}",
                "forum": 1 if t == 0 else t % 5,
                "author": posts[0]["author"],
                "posts": posts,
            }
        )
    return {"users": users, "categories": [], "forums": forums, "topics": topics}
