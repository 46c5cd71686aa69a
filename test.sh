#!/usr/bin/env bash
# Runs every Ayuda test. On a fresh Debian machine it first installs what the tests use for real:
# Chromium (Playwright journeys) and PostgreSQL (the second database provider).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${need[*]} ..."
  $sudo apt-get update -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${need[@]}"
fi

dotnet test Ayuda.slnx --logger "console;verbosity=normal" "$@"
