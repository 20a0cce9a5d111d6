"""The forum benchmark data: the peer's generator, run here or read from its JSON.

`bench/forum_dataset.py` is the generator the peer (FlaskBB 2.0.2) was loaded from, kept
verbatim so the data is byte-identical (`tests/core/test_bench_data.py` compares a hash).
`generate()` runs it in-process; `python bench/forum_dataset.py --json FILE` writes the same
data as JSON and `read(FILE)` loads it (32 users, 5 forums, 200 topics, 20,000 posts of about
400 characters of Markdown, one topic of 500 posts).
"""

import json
from datetime import datetime

from bench.forum_dataset import generate

__all__ = ["generate", "read"]


def read(path: str) -> dict:
    """Load a dataset written by forum_dataset.py --json, with its dates parsed again."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    for topic in data["topics"]:
        for post in topic["posts"]:
            post["created"] = datetime.fromisoformat(post["created"])
    return data
