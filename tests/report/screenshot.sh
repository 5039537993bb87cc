#!/usr/bin/env bash
# Render a migration report (responsify report ... -o report.html) in headless Chromium, the
# way tests/migration_report.rs does: a PNG screenshot and the rendered DOM.
#
#   tests/report/screenshot.sh report.html [out.png] [width] [height]
#
# Writes out.png (default: report.png beside the HTML) and out.dom.html. Nothing is fetched:
# the report is self-contained, and Chromium's own background traffic is switched off.
set -euo pipefail
html=${1:?usage: $0 report.html [out.png] [width] [height]}
png=${2:-${html%.*}.png}
width=${3:-1280}
height=${4:-2000}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chromium" ]; then
  echo "no chromium found: apt-get install -y chromium (or set CHROMIUM)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$profile")
"$chromium" "${flags[@]}" --screenshot="$png" --window-size="$width,$height" "$url" 2>/dev/null
"$chromium" "${flags[@]}" --dump-dom "$url" >"${png%.*}.dom.html" 2>/dev/null
echo "$png ($(wc -c <"$png") bytes), DOM: ${png%.*}.dom.html"
