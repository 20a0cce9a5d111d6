"""The benchmark data is byte for byte the data the peer (FlaskBB 2.0.2) was measured with.

The comparison in bench/README.md holds only if both forums hold the same content, so the
generator in `bench/forum_dataset.py` must write exactly the JSON the peer's copy writes.
"""

import hashlib
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bench import dataset, forum_dataset

ROOT = Path(__file__).resolve().parents[2]

# Made from the peer's own copy of forum_dataset.py (the project's shared data folder,
# outside this repository) before it was copied into bench/, with Python 3.11.7:
#     python3 forum_dataset.py --json forum.json && sha256sum forum.json
# which printed this digest for a file of 9,164,526 bytes.
PEER_JSON_SHA256 = "74a52a314a0a2f0e1d01bbace1ab6effa0f664c339536a7389481921b6fcd03d"


@pytest.fixture(scope="module")
def dataset_json(tmp_path_factory) -> Path:
    """The whole data set written once by the generator's own command line (about 1 s)."""
    path = tmp_path_factory.mktemp("bench") / "forum.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "forum_dataset.py"), "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.startswith("users=32 forums=5 topics=200 posts=20000 big_topic_posts=500")
    return path


def test_generator_writes_the_peers_data_byte_for_byte(dataset_json):
    assert dataset_json.stat().st_size == 9_164_526
    assert hashlib.sha256(dataset_json.read_bytes()).hexdigest() == PEER_JSON_SHA256


def test_the_benchmark_reads_and_generates_that_data(dataset_json):
    # The benchmark without --dataset runs this very generator in-process.
    assert dataset.generate is forum_dataset.generate
    data = dataset.read(str(dataset_json))
    sizes = {key: len(data[key]) for key in ("users", "categories", "forums", "topics")}
    assert sizes == {"users": 32, "categories": 2, "forums": 5, "topics": 200}
    assert sum(len(topic["posts"]) for topic in data["topics"]) == 20_000
    assert len(data["topics"][0]["posts"]) == 500
    assert isinstance(data["topics"][0]["posts"][0]["created"], datetime)
