"""The ceiling: a bare Flask route returning a fixed page of the size of ours."""

import os
from pathlib import Path

from flask import Flask, Response

app = Flask(__name__)
BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()


@app.route("/")
def page() -> Response:
    return Response(BODY, mimetype="text/html")
