#!/usr/bin/env bash
# Time from `java -jar` to /actuator/health UP in local mode: a first start (initdb, migrations, demo seed),
# a restart on the same data, and a start after the previous process was killed with kill -9.
# Usage: ./mvnw -q package -DskipTests && bench/startup.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/carerelay.jar
port=${1:-18080}
data=$(mktemp -d /tmp/carerelay-startup.XXXXXX)
trap 'kill -9 "${pid:-}" 2>/dev/null || true; sleep 1; rm -rf "$data"' EXIT
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q package -DskipTests"; exit 1; }

start() {
    local t0 t1
    t0=$(date +%s.%N)
    CARERELAY_DATA_DIR="$data" SERVER_PORT=$port java -jar "$jar" >"$data/run-$1.log" 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see $data/run-$1.log"; tail -5 "$data/run-$1.log"; exit 1; }
        sleep 0.1
    done
    t1=$(date +%s.%N)
    printf '%-28s %5.1f s\n' "$1" "$(echo "$t1 - $t0" | bc)"
}

echo "jar: $(du -m "$jar" | cut -f1) MB ($(stat -c %s "$jar") bytes)"
start "first start (initdb, seed)"
kill "$pid"; wait "$pid" 2>/dev/null || true
start "restart"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
start "start after kill -9"
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=
