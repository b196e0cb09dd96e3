#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for the SQL parity suite against a real server.
#
#   scripts/postgres-server.sh start              # prints the connection URL on stdout (last line)
#   scripts/postgres-server.sh stop               # stops it and removes its data directory
#   scripts/postgres-server.sh run <command…>     # starts one, runs the command with
#                                                 # CALLING_CYCLE_PG_URL set, stops it whatever happens
#   scripts/postgres-server.sh run-cluster N <command…>
#                                                 # starts N servers (the shards of a sharded book),
#                                                 # runs the command with CALLING_CYCLE_PG_SHARD_URLS
#                                                 # set (their URLs, comma-separated), stops them all
#                                                 # whatever happens
#
# Installs Debian's `postgresql` package when no `initdb` is found (needs root and apt). The data
# directory lives in a temporary folder recorded in $CALLING_CYCLE_PG_STATE (default
# /tmp/calling-cycle-postgres.state), so `stop` finds it from another shell. As root, the server
# runs as the `postgres` user, which owns the data directory.
set -euo pipefail

STATE="${CALLING_CYCLE_PG_STATE:-/tmp/calling-cycle-postgres.state}"

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  fi
}

as_server_user() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  if [ -f "$STATE" ]; then
    echo "a server is already recorded in $STATE; run '$0 stop' first" >&2
    exit 1
  fi
  local bin
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    echo "initdb not found: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
    bin="$(find_bin)"
  fi
  if [ -z "$bin" ]; then
    echo "initdb still not found after installing postgresql" >&2
    exit 1
  fi
  local base data port
  base="$(mktemp -d /tmp/calling-cycle-pg.XXXXXX)"
  data="$base/data"
  mkdir -p "$data"
  chmod 755 "$base"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$base"; fi
  port="$(free_port)"
  as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  as_server_user "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$base -c fsync=off" start >&2
  printf 'BIN=%q\nDATA=%q\nBASE=%q\nPORT=%q\n' "$bin" "$data" "$base" "$port" >"$STATE"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

stop() {
  if [ ! -f "$STATE" ]; then
    echo "no server recorded in $STATE" >&2
    return 0
  fi
  # shellcheck disable=SC1090
  source "$STATE"
  as_server_user "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  rm -rf "$BASE"
  rm -f "$STATE"
}

run() {
  # A state file of its own, so a server started by hand is left alone.
  STATE="$(mktemp /tmp/calling-cycle-postgres.XXXXXX.state)"
  rm -f "$STATE"
  trap stop EXIT
  local url
  url="$(start | tail -n 1)"
  echo "PostgreSQL on $url" >&2
  CALLING_CYCLE_PG_URL="$url" "$@"
}

# Global: the EXIT trap runs after run_cluster has returned.
CLUSTER_STATES=()

stop_cluster() {
  local state
  for state in "${CLUSTER_STATES[@]}"; do STATE="$state" stop; done
}

run_cluster() {
  local count="$1"
  shift
  local urls=() state url
  trap stop_cluster EXIT
  for _ in $(seq 1 "$count"); do
    state="$(mktemp /tmp/calling-cycle-postgres.XXXXXX.state)"
    rm -f "$state"
    CLUSTER_STATES+=("$state")
    url="$(STATE="$state" start | tail -n 1)"
    urls+=("$url")
    echo "PostgreSQL shard on $url" >&2
  done
  CALLING_CYCLE_PG_SHARD_URLS="$(IFS=,; echo "${urls[*]}")" "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    if [ "$#" -eq 0 ]; then
      echo "usage: $0 run <command…>" >&2
      exit 2
    fi
    run "$@"
    ;;
  run-cluster)
    shift
    if [ "$#" -lt 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
      echo "usage: $0 run-cluster <count> <command…>" >&2
      exit 2
    fi
    run_cluster "$@"
    ;;
  *)
    echo "usage: $0 start | stop | run <command…> | run-cluster <count> <command…>" >&2
    exit 2
    ;;
esac
