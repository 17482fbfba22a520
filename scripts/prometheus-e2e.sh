#!/usr/bin/env bash
# End-to-end check that a real Prometheus server scrapes migration-guard's meters from the sample app.
#
# 1. installs the Debian 'prometheus' package when the binary is missing;
# 2. builds the sample app and boots it twice on a fresh SQLite file in a temporary directory: the first boot
#    creates the database, the second one (snapshot.when=always) takes a real pre-migrate snapshot;
# 3. starts Prometheus on loopback, scraping the running app's /actuator/prometheus every second;
# 4. asks Prometheus' HTTP API for migration_guard_snapshot_seconds_count of that snapshot and fails unless it is 1
#    or more. Every process it started is stopped on exit, whatever happens.
#
# Usage: scripts/prometheus-e2e.sh            (from anywhere; needs java, mvn, curl, python3; root or sudo for apt-get)
# Env:   E2E_TIMEOUT  seconds to wait for each step (default 120)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TIMEOUT="${E2E_TIMEOUT:-120}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/migration-guard-e2e.XXXXXX")"
PIDS=()

exec 4>&2
log() { printf '[prometheus-e2e] %s\n' "$*" >&4; }

cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ "$status" -ne 0 ]; then
        log "FAILED (exit $status); last lines of the logs:"
        for file in "$WORK"/*.log; do
            [ -f "$file" ] && { echo "--- $file" >&2; tail -n 30 "$file" >&2; }
        done
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Polls a command once a second until it succeeds or TIMEOUT seconds pass.
wait_for() {
    local what="$1"
    shift
    local deadline=$((SECONDS + TIMEOUT))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "gave up waiting for $what after ${TIMEOUT}s"
            return 1
        fi
        sleep 1
    done
}

install_prometheus() {
    if command -v prometheus >/dev/null 2>&1; then
        return
    fi
    log "installing the Debian prometheus package"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
}

build_sample_app() {
    log "building the sample app"
    (cd "$ROOT" && mvn -q -B -DskipTests -pl sample-app -am package)
    APP_JAR="$ROOT/sample-app/target/migration-guard-sample-app.jar"
    [ -f "$APP_JAR" ] || { log "no executable jar at $APP_JAR"; return 1; }
}

# Starts the sample app in the background on APP_PORT; extra arguments are passed to it.
start_app() {
    local name="$1"
    shift
    java -jar "$APP_JAR" \
        --server.address=127.0.0.1 \
        --server.port="$APP_PORT" \
        --library.data-dir="$WORK/data" \
        --migration-guard.snapshot.dir="$WORK/data/backups" \
        --management.endpoints.web.exposure.include=health,prometheus,migrationguard \
        --management.endpoint.health.show-details=always \
        "$@" >"$WORK/$name.log" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
    wait_for "the sample app ($name) to be healthy" app_healthy
}

# Succeeds when the app answers its health endpoint; stops the wait at once when the app has died.
app_healthy() {
    kill -0 "$APP_PID" 2>/dev/null || { log "the sample app exited"; exit 1; }
    curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health"
}

stop_app() {
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
}

start_prometheus() {
    cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: migration-guard-sample-app
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ["127.0.0.1:$APP_PORT"]
YAML
    prometheus \
        --config.file="$WORK/prometheus.yml" \
        --storage.tsdb.path="$WORK/tsdb" \
        --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$WORK/prometheus.log" 2>&1 &
    PIDS+=("$!")
    wait_for "Prometheus to be ready" curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
}

# Succeeds when Prometheus holds a sample of QUERY with a value of 1 or more, and prints it.
query_snapshot_count() {
    curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$QUERY" | python3 -c '
import json, sys
body = json.load(sys.stdin)
results = body["data"]["result"] if body.get("status") == "success" else []
values = [float(result["value"][1]) for result in results]
if not values or max(values) < 1:
    sys.exit(1)
for result in results:
    print(result["metric"], result["value"][1])
'
}

install_prometheus
build_sample_app
mkdir -p "$WORK/data"
APP_PORT="$(free_port)"
PROMETHEUS_PORT="$(free_port)"

log "first boot: creates the database"
start_app first-boot
stop_app

log "second boot: snapshots the existing database before migrating"
start_app second-boot --migration-guard.snapshot.when=always
ls "$WORK/data/backups" | grep -q '^pre-migrate-.*\.db$' || { log "no pre-migrate snapshot was written"; exit 1; }

start_prometheus
QUERY='migration_guard_snapshot_seconds_count{label="pre-migrate",outcome="success"}'
log "querying Prometheus: $QUERY"
wait_for "Prometheus to have scraped the snapshot count" query_snapshot_count
query_snapshot_count
log "OK: Prometheus scraped migration_guard_snapshot_seconds_count from the sample app"
