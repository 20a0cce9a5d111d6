"""The gate through real requests: a multipart upload reaches `store_upload`, a refusal is a
clear 400 or 413 (JSON here), and a download through the app's whole response path keeps
its headers, resumes by ranges and answers 304."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Routes that exist only in this test: the session's app has served requests already
# (Flask refuses new routes then), so the check runs in its own process, as in
# test_errors.py.
HTTP_CHECK = """
import io, json, sys, tempfile
from flask import request
from mediator_portal import create_app, storage
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.permissions import public
from mediator_portal.security import accepts_uploads
from tests.clients import PortalClient
from tests.core.storage_files import HTML, pdf_bytes

folder = tempfile.mkdtemp()
app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": "sqlite://",
                                       "UPLOAD_FOLDER": folder, "UPLOAD_MAX_BYTES": 100_000})

@app.route("/upload-test", methods=["POST"])
@public
@accepts_uploads
@json_view
def upload_test():
    stored = storage.store_upload(db.session, request.files["file"], user_id=None)
    db.session.commit()
    return {"id": stored.id, "name": stored.original_name, "size": stored.size}

@app.route("/download-test/<int:stored_id>")
@public
def download_test(stored_id):
    return storage.send_stored(db.get_or_404(storage.StoredFile, stored_id))

with app.app_context():
    db.create_all()
app.test_client_class = PortalClient
client = app.test_client()

def post(data, name):
    return client.post("/upload-test?lang=en", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")

pdf = pdf_bytes() * 10
good = post(pdf, "Οδηγός.pdf")
stored_id = good.get_json()["id"]
url = f"/download-test/{stored_id}"
whole = client.get(url)
first = client.get(url, headers={"Range": "bytes=0-999"})
rest = client.get(url, headers={"Range": "bytes=1000-"})
again = client.get(url, headers={"If-None-Match": whole.headers["ETag"]})
html = post(HTML, "report.pdf")
big = post(b"a" * 100_001, "big.txt")
import os
left = sorted(os.path.relpath(os.path.join(d, f), folder)
              for d, _, files in os.walk(folder) for f in files)
print(json.dumps({
    "upload": [good.status_code, good.get_json()["name"], good.get_json()["size"] == len(pdf)],
    "whole": [whole.status_code, whole.data == pdf],
    "ranges": [first.status_code, rest.status_code, first.data + rest.data == pdf],
    "304": again.status_code,
    "headers": {k: whole.headers.get(k) for k in (
        "Content-Security-Policy", "X-Content-Type-Options", "Cache-Control",
        "Content-Disposition", "X-Frame-Options")},
    "html": [html.status_code, html.get_json()["message"]],
    "big": [big.status_code, big.get_json()["message"]],
    "files": len(left),
}))
"""


def test_upload_and_download_through_requests():
    result = subprocess.run(
        [sys.executable, "-c", HTTP_CHECK],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["upload"] == [200, "Οδηγός.pdf", True]
    assert seen["whole"] == [200, True]
    assert seen["ranges"] == [206, 206, True]
    assert seen["304"] == 304
    headers = seen["headers"]
    assert headers["Content-Security-Policy"] == "sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in headers["Cache-Control"]
    assert headers["Content-Disposition"] == (
        "attachment; filename=Odigos.pdf; filename*=UTF-8''%CE%9F%CE%B4%CE%B7%CE%B3%CF%8C%CF%82.pdf"
    )
    assert seen["html"][0] == 400 and "web page" in seen["html"][1]
    assert seen["big"][0] == 413 and "MB" in seen["big"][1]
    assert seen["files"] == 1  # the good PDF only: nothing left by the refusals
