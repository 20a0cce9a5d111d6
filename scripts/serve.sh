#!/usr/bin/env bash
# Production: migrate, then serve pages and Socket.IO from one gunicorn process on $PORT.
#
#   SECRET_KEY=… PUBLIC_URL=https://portal.example.org DATABASE_URL=postgresql://… scripts/serve.sh
#
# ONE worker process with threads (gthread; WebSockets through simple-websocket): Socket.IO
# keeps each connection in the memory of the process that opened it, and gunicorn does not
# send a client's requests to the same worker, so a second worker breaks the connections.
# Each open connection holds a thread: WEB_THREADS (default 100) is the most connections and
# requests at once. More cores: several of these on different ports behind a reverse proxy
# with sticky sessions, SOCKETIO_MESSAGE_QUEUE and RATELIMIT_STORAGE_URI on Redis, PostgreSQL
# (docs/deploy.md). Every setting comes from the environment; nothing secret is in a file.
set -euo pipefail
cd "$(dirname "$0")/.."
export MEDIATOR_PORTAL_CONFIG="${MEDIATOR_PORTAL_CONFIG:-production}"
if [ "$MEDIATOR_PORTAL_CONFIG" = production ] && [ -z "${SECRET_KEY:-}" ]; then
  echo "serve.sh: SECRET_KEY is not set; production refuses to start without it" >&2
  exit 2
fi
: "${PORT:?serve.sh: set PORT, the port to listen on}"
BIN="${VENV:-.venv}/bin"

# Several processes may start at once: the migration takes a lock on PostgreSQL.
"$BIN/flask" --app wsgi db upgrade

# --no-control-socket: gunicorn's one default socket path would be shared by every process.
# --forwarded-allow-ips "": the X-Forwarded-* headers are the app's TRUSTED_PROXIES' to judge.
exec "$BIN/gunicorn" wsgi:app \
  --workers 1 \
  --worker-class gthread \
  --threads "${WEB_THREADS:-100}" \
  --bind "${HOST:-127.0.0.1}:${PORT}" \
  --graceful-timeout "${GRACEFUL_TIMEOUT:-10}" \
  --access-logfile - \
  --no-control-socket \
  --forwarded-allow-ips ""
