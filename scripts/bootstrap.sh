#!/usr/bin/env bash
# Installs what the project needs into .venv (uv, from the lock file) and the system tools it uses.
# Usage: scripts/bootstrap.sh [apt packages to make sure of...]. Idempotent and quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# gettext for the translations; Pango and fonts for WeasyPrint's PDF letters
want_apt=("gettext" "libpango-1.0-0" "libpangoft2-1.0-0" "fonts-dejavu-core" "$@")
missing=()
for package in "${want_apt[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages: ${missing[*]}" >&2
  fi
fi

if ! command -v uv >/dev/null 2>&1; then
  if [ ! -x var/tools/bin/uv ]; then
    echo "Installing uv into var/tools"
    python3 -m venv var/tools
    var/tools/bin/pip install --quiet uv
  fi
  export PATH="$PWD/var/tools/bin:$PATH"
fi
UV_PYTHON_DOWNLOADS=never uv sync --frozen --quiet
mkdir -p var/broker/queue var/broker/processed var/broker/control var/mail var/media
