#!/usr/bin/env bash
# Which tables and indexes intake writes, by page: runs a short intake load on a copy of a generated SQLite desk, stops
# Ayuda hard so that its write-ahead log stays, and counts the frames of the log's last cycle by the b-tree their page
# belongs to (from SQLite's dbstat). A tool for finding where intake's writes go, not a measured benchmark.
# Usage: bench/intake-writes.sh [--tickets 10000] [--seed 1] [--duration 8s]   (the desk must exist: bench/desk.sh makes it)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
tickets=10000; seed=1; duration=8s
while [ $# -gt 0 ]; do
  case "$1" in
    --tickets) tickets="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
schema=$(ls src/Ayuda/Data/Migrations/Sqlite src/Ayuda/Data/Migrations/Postgres | sha1sum | cut -c1-10)
desk="${AYUDA_BENCH_CACHE:-$HOME/.cache/ayuda-bench}/sqlite-$tickets-seed$seed-$schema"
[ -f "$desk/desk.json" ] || { echo "No desk in $desk: run bench/desk.sh --tickets $tickets first." >&2; exit 1; }
dotnet build -c Release bench/Ayuda.Bench -v quiet -nologo >/dev/null
work="$(mktemp -d /var/tmp/ayuda-intake-writes.XXXXXX)"
ayuda_pid=""
cleanup() { if [ -n "$ayuda_pid" ]; then kill -9 "$ayuda_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/data"
cp --reflink=auto "$desk/data/ayuda.db" "$work/data/ayuda.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
( cd src/Ayuda && exec env Ayuda__Database__Provider=Sqlite "Ayuda__DataDirectory=$work/data" ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning dotnet "$root/src/Ayuda/bin/Release/net10.0/Ayuda.dll" >"$work/ayuda.log" 2>&1 ) &
ayuda_pid=$!
for _ in $(seq 1 1200); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.05; done
dotnet bench/Ayuda.Bench/bin/Release/net10.0/Ayuda.Bench.dll load --url "http://127.0.0.1:$port" --user jefa@ayuda.bench \
  --password Bench-Ayuda-2026 --manifest "$desk/desk.json" --scenarios intake --duration "$duration" --warm-process 0s | grep -E "^ +intake" || true
# Killed, not stopped: a clean stop checkpoints and deletes the log this counts.
kill -9 "$ayuda_pid"; wait "$ayuda_pid" 2>/dev/null || true; ayuda_pid=""
python3 - "$work/data" <<'PY'
import collections, sqlite3, struct, sys
folder = sys.argv[1]
wal = open(folder + "/ayuda.db-wal", "rb").read()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">IIIIIIII", wal[:32])
pages, offset = [], 32
while offset + 24 + page_size <= len(wal):
    page, _, s1, s2 = struct.unpack(">IIII", wal[offset:offset + 16])
    if (s1, s2) != (salt1, salt2):
        break  # frames of an earlier cycle of the log
    pages.append(page)
    offset += 24 + page_size
db = sqlite3.connect(f"file:{folder}/ayuda.db?mode=ro", uri=True)
owner = dict((page, name) for name, page in db.execute("SELECT name, pageno FROM dbstat"))
print(f"The log's last cycle: {len(pages):,} frames, {len(set(pages)):,} distinct pages")
for name, count in collections.Counter(owner.get(p, "(page freed since)") for p in pages).most_common(25):
    print(f"{count:8,}  {100 * count / len(pages):5.1f} %  {name}")
PY
