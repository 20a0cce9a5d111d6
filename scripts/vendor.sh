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

# PDF.js (pdfjs-dist): the library's PDF preview (static/js/library/pdf-preview.js) imports
# it as an ES module from our origin, and its worker runs from our origin too (the CSP allows
# nothing else). The minified builds under the names the page asks for (phones on slow
# connections fetch them), and the standard fonts for PDFs that do not embed theirs.
mkdir -p static/vendor/pdfjs
cp node_modules/pdfjs-dist/build/pdf.min.mjs static/vendor/pdfjs/pdf.mjs
cp node_modules/pdfjs-dist/build/pdf.worker.min.mjs static/vendor/pdfjs/pdf.worker.mjs
cp -r node_modules/pdfjs-dist/standard_fonts static/vendor/pdfjs/
cp node_modules/pdfjs-dist/LICENSE static/vendor/pdfjs/

# The GOV.GR design system (GRNET's @digigov/css): its one precompiled stylesheet. It
# references no file (its few icons are data: URIs, allowed by img-src), so nothing else.
cp node_modules/@digigov/css/dist/digigov.css static/vendor/

# Fonts (@fontsource): the package's own @font-face files for the subsets we serve,
# concatenated into static/vendor/fonts.css with woff2 only (every browser we support reads
# it), and the woff2 files they name. unicode-range makes the browser fetch a file only when
# the page shows one of its characters.
#   Roboto (the GOV.GR text face): Latin, Latin extended and Greek, regular/medium/bold.
#   Noto Sans Arabic: the Arabic script (Arabic, Farsi, Urdu), regular and bold.
# Emoji come from Twemoji's COLR (version 0) font below, not from @fontsource's Noto Color
# Emoji: that one is a COLRv1 font, which the FreeType of Debian's Chromium (and of many Linux
# PCs) loads but draws as nothing.
faces=()
for weight in 400 500 700; do
  for subset in latin latin-ext greek; do
    faces+=("roboto/$subset-$weight.css")
  done
done
faces+=("noto-sans-arabic/arabic-400.css" "noto-sans-arabic/arabic-700.css")
{
  echo "/* Built by scripts/vendor.sh from @fontsource packages (see their LICENSE files). */"
  for face in "${faces[@]}"; do
    sed -e "s#, url(./files/[^)]*\.woff) format('woff')##" \
        -e "s#url(./files/#url(fonts/#" "node_modules/@fontsource/$face"
  done
  # Twemoji (twemoji-colr-font, OFL-1.1): one file of colour emoji in flat layers (COLR
  # version 0, drawn by every FreeType since 2.10, Chromium, Firefox and Safari), fetched
  # only when a page shows a character of these ranges (the reactions, emoji in posts).
  cat <<'CSS'
/* twemoji-colr-font (Twemoji as a COLR v0 font), SIL Open Font License 1.1 */
@font-face {
  font-family: "Twemoji";
  font-style: normal;
  font-display: swap;
  font-weight: 400;
  src: url(fonts/twemoji.woff2) format('woff2');
  unicode-range: U+00A9, U+00AE, U+200D, U+203C, U+2049, U+2122, U+2139, U+2194-21AA, U+231A-23FF, U+24C2, U+25AA-27BF, U+2934-2935, U+2B05-2B55, U+3030, U+303D, U+3297, U+3299, U+FE0F, U+1F000-1FAFF, U+E0020-E007F;
}
CSS
} > static/vendor/fonts.css
grep -o 'url(fonts/[^)]*)' static/vendor/fonts.css | grep -v twemoji | sed -e 's/^url(//' -e 's/)$//' | sort -u |
  while read -r file; do
    name=$(basename "$file")
    package=$(ls node_modules/@fontsource/*/files/"$name")
    cp "$package" static/vendor/fonts/
  done
cp node_modules/twemoji-colr-font/twemoji.woff2 static/vendor/fonts/
