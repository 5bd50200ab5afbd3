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

# axe-core for the accessibility tests (tests/core/test_browser_accessibility.py); not served by the portal
AXE_VERSION=4.10.2
(cd "$work" && npm pack --silent "axe-core@${AXE_VERSION}" >/dev/null && mkdir axe && tar -xzf axe-core-*.tgz -C axe)
mkdir -p tests/vendor/axe-core
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" tests/vendor/axe-core/
echo "axe-core ${AXE_VERSION}" > tests/vendor/axe-core/VERSION
echo "vendored axe-core ${AXE_VERSION} into tests/vendor/axe-core/"
