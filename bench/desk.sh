#!/usr/bin/env bash
# The desk benchmark: generates (or reuses) a desk of N tickets, starts Ayuda (Release, Production) on it, measures
# start-up, drives intake / queue / detail / search under load, samples Ayuda's resident memory, and prints one
# markdown table row per scenario.
# Usage: bench/desk.sh [--provider sqlite|postgres] [--tickets N] [--seed N] [--duration 20s] [--clients 4] [--smoke]
#                      [--scenarios intake,queue,detail,...]  (names starting with these)
# Generated desks are kept in $AYUDA_BENCH_CACHE (default ~/.cache/ayuda-bench) per provider, N, seed and schema, so a
# rerun starts at once; each run works on a copy, so intake during the run never changes the cached desk.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

provider=sqlite; tickets=10000; seed=1; duration=20s; clients=4; smoke=false; scenarios=""
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --tickets) tickets="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --smoke) smoke=true; tickets=300; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$provider" in sqlite|postgres) ;; *) echo "--provider sqlite|postgres" >&2; exit 2 ;; esac

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "Building (Release) ..."
dotnet build -c Release bench/Ayuda.Bench -v quiet -nologo >/dev/null
bench_dll="$root/bench/Ayuda.Bench/bin/Release/net10.0/Ayuda.Bench.dll"
ayuda_dll="$root/src/Ayuda/bin/Release/net10.0/Ayuda.dll"

# The cache key names the schema: a new migration means a new desk.
schema=$(ls src/Ayuda/Data/Migrations/Sqlite src/Ayuda/Data/Migrations/Postgres | sha1sum | cut -c1-10)
if $smoke; then
  cache="$(mktemp -d /tmp/ayuda-bench-smoke.XXXXXX)"
else
  cache="${AYUDA_BENCH_CACHE:-$HOME/.cache/ayuda-bench}"
  # As root, PostgreSQL runs as the postgres user, which cannot enter root's home: its desks go where it can.
  if [ "$provider" = postgres ] && [ "$(id -u)" -eq 0 ] && [ -z "${AYUDA_BENCH_CACHE:-}" ] && ! runuser -u postgres -- test -x "$HOME"; then
    cache=/var/tmp/ayuda-bench
    echo "PostgreSQL desks are kept in $cache (the postgres user cannot enter $HOME; set AYUDA_BENCH_CACHE to choose)"
  fi
fi
desk="$cache/$provider-$tickets-seed$seed-$schema"
work="$(mktemp -d /tmp/ayuda-bench-run.XXXXXX)"
ayuda_pid=""; pg_started=""
cleanup() {
  if [ -n "$ayuda_pid" ]; then kill "$ayuda_pid" 2>/dev/null || true; wait "$ayuda_pid" 2>/dev/null || true; fi
  # The run's copy of a PostgreSQL desk is as large as the desk: it is dropped, the desk itself is kept.
  if [ -n "$pg_started" ]; then psql -d postgres -c "DROP DATABASE IF EXISTS ayuda_run" >/dev/null 2>&1 || true; pg_stop; fi
  rm -rf "$work"
  if $smoke; then rm -rf "$cache"; fi
}
trap cleanup EXIT

# PostgreSQL: a throwaway server whose data folder lives with the cached desk (durable: default fsync settings).
pg_bin=""
pg_stop() { as_postgres "$pg_bin/pg_ctl" -D "$desk/pgdata" -m fast stop >/dev/null || true; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$provider" = postgres ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1)
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is missing: run ./test.sh once (it installs it) or apt-get install postgresql"; exit 1; }
  mkdir -p "$desk/run"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$desk" && chmod 755 "$cache" "$(dirname "$cache")" 2>/dev/null || true
  if [ ! -d "$desk/pgdata" ]; then
    as_postgres "$pg_bin/initdb" -D "$desk/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_port=$(free_port)
  as_postgres "$pg_bin/pg_ctl" -D "$desk/pgdata" -l "$desk/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $desk/run -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
  pg_started=1
  psql() { as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  gen_conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ayuda_desk"
  run_conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ayuda_run;Maximum Pool Size=100"
fi

# 1. The desk: generated once per key, reused after.
if [ ! -f "$desk/desk.json" ]; then
  if [ "$provider" = sqlite ]; then
    rm -rf "$desk/data"; mkdir -p "$desk/data"
    dotnet "$bench_dll" generate --provider sqlite --connection "Data Source=$desk/data/ayuda.db" --tickets "$tickets" --seed "$seed" --manifest "$desk/desk.json.tmp"
  else
    psql -d postgres -c "DROP DATABASE IF EXISTS ayuda_desk" -c "CREATE DATABASE ayuda_desk"
    dotnet "$bench_dll" generate --provider postgres --connection "$gen_conn" --tickets "$tickets" --seed "$seed" --manifest "$work/desk.json"
    cp "$work/desk.json" "$desk/desk.json.tmp"
  fi
  mv "$desk/desk.json.tmp" "$desk/desk.json"
else
  echo "Reusing the desk in $desk"
fi

# The desk must carry every migration of this build: one made by an older build would be migrated by Ayuda at start
# (measured as start-up) or fail; it is refused, naming what is missing and how to start afresh.
migrations_dir=src/Ayuda/Data/Migrations/Sqlite; [ "$provider" = postgres ] && migrations_dir=src/Ayuda/Data/Migrations/Postgres
expected=$(ls "$migrations_dir" | grep -E '^[0-9]{14}_[A-Za-z0-9_]+\.cs$' | grep -v '\.Designer\.cs$' | sed 's/\.cs$//' | sort)
if [ "$provider" = sqlite ]; then
  applied=$(sqlite3 "$desk/data/ayuda.db" 'SELECT "MigrationId" FROM "__EFMigrationsHistory"' | sort)
else
  applied=$(psql -d ayuda_desk -c 'SELECT "MigrationId" FROM "__EFMigrationsHistory"' | sort)
fi
missing=$(comm -23 <(echo "$expected") <(echo "$applied"))
if [ -n "$missing" ]; then
  echo "The cached desk in $desk lacks migrations of this build:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  echo "Delete that folder (rm -rf '$desk') and run again to generate a desk with the current schema." >&2
  exit 1
fi

# 2. A working copy of it.
if [ "$provider" = sqlite ]; then
  mkdir -p "$work/data"
  cp --reflink=auto "$desk/data/ayuda.db" "$work/data/ayuda.db"
  # The copy's pages are written back now rather than during the first scenarios (16 GB at 1M), and the copy is read
  # once, so the run starts with the file in the page cache, as on a server that has been up a while (the 1M desk fits
  # in this machine's memory; left to chance, a cold file made random ticket and search reads wait on the disk).
  sync "$work/data/ayuda.db"
  cat "$work/data/ayuda.db" > /dev/null
  db_env=(Ayuda__Database__Provider=Sqlite "Ayuda__DataDirectory=$work/data")
else
  psql -d postgres -c "DROP DATABASE IF EXISTS ayuda_run" -c "CREATE DATABASE ayuda_run TEMPLATE ayuda_desk" -c "CHECKPOINT"
  sync
  db_env=(Ayuda__Database__Provider=Postgres "ConnectionStrings__Ayuda=$run_conn")
fi

# 3. Ayuda, as deployed: Release, Production; start-up = process start until /health answers 200.
port=$(free_port)
start_ns=$(date +%s%N)
( cd "$root/src/Ayuda" && exec env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__LogLevel__Default=Warning dotnet "$ayuda_dll" >"$work/ayuda.log" 2>&1 ) &
ayuda_pid=$!
for _ in $(seq 1 1200); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then break; fi
  kill -0 "$ayuda_pid" 2>/dev/null || { echo "Ayuda exited:"; cat "$work/ayuda.log"; exit 1; }
  sleep 0.05
done
startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
startup_rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$ayuda_pid/status")
echo "Ayuda answered /health after $startup_ms ms (RSS $startup_rss MB)"

# 4. The load.
load_args=(--url "http://127.0.0.1:$port" --manifest "$desk/desk.json" --clients "$clients" --ayuda-pid "$ayuda_pid"
  --startup-ms "$startup_ms" --startup-rss-mb "$startup_rss" --provider "$provider" --tickets "$(printf "%'d" "$tickets" 2>/dev/null || echo "$tickets")"
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" --machine "$(nproc)-core $(uname -m), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)")
if $smoke; then load_args+=(--smoke); else load_args+=(--duration "$duration"); fi
if [ -n "$scenarios" ]; then load_args+=(--scenarios "$scenarios"); fi
dotnet "$bench_dll" load "${load_args[@]}"
