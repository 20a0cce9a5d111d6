#!/usr/bin/env bash
# Development (`make run`): the web server (python wsgi.py, on $PORT) and the job worker
# (flask jobs worker) together, from one command. Ctrl-C, SIGTERM, or either of them
# stopping, stops both: the worker first gets SIGINT and finishes the jobs it is running.
#
# Production runs them as two processes of their own: scripts/serve.sh and
# `flask --app wsgi jobs worker` (docs/deploy.md).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"

"$BIN/python" wsgi.py &
web=$!
"$BIN/flask" --app wsgi jobs worker &
worker=$!

stop() {
  trap - INT TERM EXIT
  # Background jobs of a script ignore SIGINT until they set a handler: the worker sets one
  # (graceful), the web server is sent SIGTERM.
  kill -INT "$worker" 2>/dev/null
  kill -TERM "$web" 2>/dev/null
  wait "$worker" "$web" 2>/dev/null
  echo "run.sh: web server and job worker stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Whichever ends first (a crash, a port already taken) ends the other too.
wait -n "$web" "$worker"
status=$?
echo "run.sh: a process stopped (status $status); stopping the other" >&2
exit "$status"
