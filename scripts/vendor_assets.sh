#!/usr/bin/env bash
# Reproducibly vendors third-party CSS from the npm registry into static/vendor/ (no CDN at run time).
# Re-run after changing a version below; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PICO_VERSION=2.1.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@picocss/pico@${PICO_VERSION}" >/dev/null && tar -xzf picocss-pico-*.tgz)
mkdir -p static/vendor/pico
cp "$work/package/css/pico.min.css" static/vendor/pico/pico.min.css
cp "$work/package/LICENSE.md" static/vendor/pico/LICENSE.md
echo "@picocss/pico ${PICO_VERSION}" > static/vendor/pico/VERSION
echo "vendored @picocss/pico ${PICO_VERSION} into static/vendor/pico/"
