#!/usr/bin/env bash
# Copy the front-end libraries installed by npm (package-lock.json) into static/vendor/.
# static/vendor is a build output and is not tracked: it is made afresh, so that a library
# no longer used does not linger there.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf static/vendor
mkdir -p static/vendor
# The ES module build: static/js/core/socket.js imports it (no global, no build step).
cp node_modules/socket.io-client/dist/socket.io.esm.min.js static/vendor/
cp node_modules/socket.io-client/dist/socket.io.esm.min.js.map static/vendor/
