#!/usr/bin/env bash
# Copy the front-end libraries installed by npm (package-lock.json) into static/vendor/.
# static/vendor is a build output and is not tracked: it is made afresh, so that a library
# no longer used does not linger there.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf static/vendor
mkdir -p static/vendor/fonts
# The ES module build: static/js/core/socket.js imports it (no global, no build step).
cp node_modules/socket.io-client/dist/socket.io.esm.min.js static/vendor/
cp node_modules/socket.io-client/dist/socket.io.esm.min.js.map static/vendor/

# The GOV.GR design system (GRNET's @digigov/css): its one precompiled stylesheet. It
# references no file (its few icons are data: URIs, allowed by img-src), so nothing else.
cp node_modules/@digigov/css/dist/digigov.css static/vendor/

# Fonts (@fontsource): the package's own @font-face files for the subsets we serve,
# concatenated into static/vendor/fonts.css with woff2 only (every browser we support reads
# it), and the woff2 files they name. unicode-range makes the browser fetch a file only when
# the page shows one of its characters.
#   Roboto (the GOV.GR text face): Latin, Latin extended and Greek, regular/medium/bold.
#   Noto Sans Arabic: the Arabic script (Arabic, Farsi, Urdu), regular and bold.
#   Noto Color Emoji: colour emoji for the reactions and posts, in its unicode-range chunks.
faces=()
for weight in 400 500 700; do
  for subset in latin latin-ext greek; do
    faces+=("roboto/$subset-$weight.css")
  done
done
faces+=("noto-sans-arabic/arabic-400.css" "noto-sans-arabic/arabic-700.css")
faces+=("noto-color-emoji/400.css")
{
  echo "/* Built by scripts/vendor.sh from @fontsource packages (see their LICENSE files). */"
  for face in "${faces[@]}"; do
    sed -e "s#, url(./files/[^)]*\.woff) format('woff')##" \
        -e "s#url(./files/#url(fonts/#" "node_modules/@fontsource/$face"
  done
} > static/vendor/fonts.css
grep -o 'url(fonts/[^)]*)' static/vendor/fonts.css | sed -e 's/^url(//' -e 's/)$//' | sort -u |
  while read -r file; do
    name=$(basename "$file")
    package=$(ls node_modules/@fontsource/*/files/"$name")
    cp "$package" static/vendor/fonts/
  done
