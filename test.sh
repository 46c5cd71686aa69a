#!/usr/bin/env bash
# Runs every Ayuda test. On a fresh Debian machine it first installs what the tests use for real:
# Chromium (Playwright journeys), PostgreSQL (the second database provider), Dovecot (the IMAP mailbox the
# email channel reads) and smtp4dev (the SMTP server that catches what Ayuda sends; a .NET tool in .tools/).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${need[*]} ..."
  $sudo apt-get update -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${need[@]}"
fi

smtp4dev_version=3.15.0
if [ ! -x .tools/smtp4dev/smtp4dev ] || [ ! -d ".tools/smtp4dev/.store/rnwood.smtp4dev/$smtp4dev_version" ]; then
  echo "Installing smtp4dev $smtp4dev_version ..."
  rm -rf .tools/smtp4dev
  dotnet tool install Rnwood.Smtp4dev --version "$smtp4dev_version" --tool-path .tools/smtp4dev
fi

# The console log is also kept in .test-output.log: when a test fails, its name and message are repeated at the end,
# where a CI page that shows only the last lines of the run still shows them.
rc=0
dotnet test Ayuda.slnx --logger "console;verbosity=normal" "$@" 2>&1 | tee .test-output.log || rc=$?
if [ "$rc" -ne 0 ]; then
  echo
  echo "==== Failed tests (from .test-output.log) ===="
  grep -E -A30 '^\s+Failed [A-Za-z_][A-Za-z0-9_.]*' .test-output.log | head -400 || true
  exit "$rc"
fi

# Benchmarks are never timed tests; CI runs each once in smoke mode to prove it still works (skipped when the
# caller narrows the run with a filter). The mail bench needs root to hand the mailbox to Dovecot's user.
if [ $# -eq 0 ] && [ "$(id -u)" -eq 0 ]; then
  bench/email-import.sh --smoke
fi
# The desk bench: a tiny desk on each provider, read back through the API and pages (checked), then every scenario
# briefly on SQLite and intake + detail on PostgreSQL (about a minute each).
if [ $# -eq 0 ]; then
  bench/desk.sh --smoke
  bench/desk.sh --smoke --provider postgres --scenarios intake,detail
fi
