"""WSGI entry point: scripts/serve.sh runs it in gunicorn with ONE worker and threads
(docs/deploy.md: several workers break Socket.IO); `python wsgi.py` for the dev server."""

import os

from mediator_portal import create_app
from mediator_portal.extensions import socketio

app = create_app()

if __name__ == "__main__":
    socketio.run(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "5000")),
        allow_unsafe_werkzeug=True,
    )
