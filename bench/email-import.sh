#!/usr/bin/env bash
# Import rate of the email channel: starts a throwaway Dovecot, appends N realistic messages, lets Ayuda's poller import
# them into SQLite, and compares with a bare insert of the same rows. Usage: bench/email-import.sh [N | --smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/sbin/dovecot ] || { echo "Dovecot is missing: run ./test.sh once (it installs it) or apt-get install dovecot-imapd"; exit 1; }
count="${1:-10000}"
work="$(mktemp -d /tmp/ayuda-bench-mail.XXXXXX)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$work/mail" "$work/run" "$work/state"
chmod 755 "$work"
# Root cannot own a mailbox: the mail belongs to nobody; the users file is read by Dovecot's auth process.
chown 65534:65534 "$work/mail"
echo "bench@ayuda.test:{PLAIN}bench-secret:65534:65534::$work/mail" > "$work/users"
chown root:dovecot "$work/users" && chmod 640 "$work/users"
cat > "$work/dovecot.conf" <<CONF
base_dir = $work/run
state_dir = $work/state
log_path = $work/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = $work/users
}
userdb {
  driver = passwd-file
  args = $work/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  mailbox Processed {
    auto = create
  }
}
CONF
/usr/sbin/dovecot -F -c "$work/dovecot.conf" & dovecot_pid=$!
trap 'kill $dovecot_pid 2>/dev/null || true; wait $dovecot_pid 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 0.5
if [ "$count" = "--smoke" ]; then args=(--smoke); else args=(--messages "$count"); fi
dotnet run -c Release --project bench/Ayuda.Bench -- email-import "${args[@]}" --imap-port "$port" --user bench@ayuda.test --password bench-secret
