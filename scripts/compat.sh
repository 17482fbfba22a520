#!/usr/bin/env bash
# Compatibility matrix: the same starter jar in a real application on every supported Spring Boot and Java version.
#
# 1. builds and installs the library once (parent, migration-guard-spring-boot, the starter), on the default JDK
#    against the project's own Spring Boot: the jar a user downloads;
# 2. for each Spring Boot version x JDK, in one Maven run on that JDK: builds the sample app against that Spring
#    Boot's BOM (so Flyway, sqlite-jdbc, Micrometer, Jackson are the versions that Boot manages) with the installed
#    starter, runs its integration tests (upgrade with a snapshot, cosmetic edit healed, failed migration restored,
#    endpoint read and write, health, Prometheus text format), then packages it with Spring Boot's AOT processing
#    (-Paot);
# 3. starts that jar with -Dspring.aot.enabled=true on a fresh database, stops it, adds a migration and starts it
#    again; passes when that second start took a verified pre-migrate snapshot of v3 and reports health UP.
#
# Prints one line per combination and writes target/compat/results.md (the table in docs/compatibility.md).
#
# Usage: scripts/compat.sh [-o]                    (-o: Maven offline, once the versions are downloaded)
# Env:   COMPAT_BOOT   Spring Boot versions (default "4.0.7 4.1.1")
#        COMPAT_JDKS   JDK homes (default: the default java's JDK and /usr/lib/jvm/temurin-25-jdk-amd64)
#        COMPAT_AOT    "false" skips the AOT processing and step 3
#        COMPAT_TIMEOUT seconds to wait for the app to answer (default 120)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MVN_ARGS=(-B -q "$@")
BOOT_VERSIONS=(${COMPAT_BOOT:-4.0.7 4.1.1})
DEFAULT_JDK="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
if [ -n "${COMPAT_JDKS:-}" ]; then
    JDKS=($COMPAT_JDKS)
else
    # The default list runs what this machine has: a missing Temurin 25 is said, not fatal (COMPAT_JDKS makes it so)
    JDKS=("$DEFAULT_JDK")
    if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
        JDKS+=(/usr/lib/jvm/temurin-25-jdk-amd64)
    else
        printf '[compat] WARNING: no Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64: Java 25 is NOT checked on this machine\n' >&2
    fi
fi
RUN_AOT="${COMPAT_AOT:-true}"
TIMEOUT="${COMPAT_TIMEOUT:-120}"
OUT="$ROOT/target/compat"
APP_PID=""

log() { printf '[compat] %s\n' "$*" >&2; }

cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

for jdk in "${JDKS[@]}"; do
    [ -x "$jdk/bin/java" ] || { log "no JDK at $jdk (set COMPAT_JDKS)"; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT"

java_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'; }

log "building the starter once: $(java_version "$DEFAULT_JDK"), the project's Spring Boot"
mvn "${MVN_ARGS[@]}" -DskipTests install -pl autoconfigure,starter -am > "$OUT/install.log" 2>&1 \
    || { tail -n 40 "$OUT/install.log" >&2; log "FAILED to build the starter"; exit 1; }
STARTER_JAR="$(ls "$ROOT"/autoconfigure/target/migration-guard-spring-boot-*.jar | grep -v -e sources -e javadoc | head -n 1)"
STARTER_SHA="$(sha256sum "$STARTER_JAR" | cut -c1-12)"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Polls the health endpoint once a second; fails at once when the app has exited.
await_health() {
    local port="$1" deadline=$((SECONDS + TIMEOUT))
    until curl -fsS "http://127.0.0.1:$port/actuator/health/migrationGuard" > "$2" 2>/dev/null; do
        kill -0 "$APP_PID" 2>/dev/null || { log "the app exited"; return 1; }
        [ "$SECONDS" -lt "$deadline" ] || { log "no health after ${TIMEOUT}s"; return 1; }
        sleep 1
    done
}

start_aot_app() {
    local jdk="$1" work="$2" name="$3"
    shift 3
    local port
    port="$(free_port)"
    "$jdk/bin/java" -Dspring.aot.enabled=true -jar "$ROOT/sample-app/target/migration-guard-sample-app.jar" \
        --server.address=127.0.0.1 --server.port="$port" --library.data-dir="$work/data" \
        --spring.flyway.locations="classpath:db/migration,filesystem:$work/release" "$@" > "$work/$name.log" 2>&1 &
    APP_PID=$!
    await_health "$port" "$work/$name-health.json" || return 1
    grep -q "Starting AOT-processed LibraryApplication" "$work/$name.log" \
        || { log "$name did not run the AOT-processed application"; return 1; }
}

stop_app() {
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# Fresh database at v3, then a release adds V4: the second start must snapshot v3 first (AOT-processed app).
aot_upgrade() {
    local jdk="$1" work="$2"
    mkdir -p "$work/release"
    # called as an if condition, where set -e does not stop a function: every step says so itself
    start_aot_app "$jdk" "$work" first || return 1
    stop_app
    echo "ALTER TABLE book ADD COLUMN shelf TEXT;" > "$work/release/V4__book_shelf.sql"
    start_aot_app "$jdk" "$work" upgrade || return 1
    stop_app
    grep -q '"status":"UP"' "$work/upgrade-health.json" || { log "health not UP: $(cat "$work/upgrade-health.json")"; return 1; }
    local snapshot
    snapshot="$(ls "$work/data/backups"/pre-migrate-*-v3-to-v4.db 2>/dev/null | head -n 1)"
    [ -n "$snapshot" ] || { log "no pre-migrate snapshot in $work/data/backups"; return 1; }
    [ "$(sqlite3 "$snapshot" 'PRAGMA integrity_check')" = ok ] || { log "$snapshot is damaged"; return 1; }
    [ "$(sqlite3 "$snapshot" 'SELECT max(version) FROM flyway_schema_history')" = 3 ] \
        || { log "$snapshot does not hold v3"; return 1; }
}

# Runs the sample app's integration tests and packages it (AOT-processed unless COMPAT_AOT=false); checks that the
# tests ran on the Spring Boot and JDK asked for. Formatting is checked by the main build, not here.
integration_tests() {
    local jdk="$1" boot="$2" work="$3" profiles=()
    [ "$RUN_AOT" = true ] && profiles=(-Paot)
    JAVA_HOME="$jdk" mvn "${MVN_ARGS[@]}" -f sample-app/pom.xml "${profiles[@]}" -Dspring-boot.version="$boot" \
        -Dspotless.check.skip=true verify dependency:list -DoutputFile="$work/dependencies.txt" -DincludeArtifactIds=spring-boot,migration-guard-spring-boot \
        > "$work/tests.log" 2>&1 || { tail -n 60 "$work/tests.log" >&2; return 1; }
    grep -q "org.springframework.boot:spring-boot:jar:$boot:" "$work/dependencies.txt" \
        || { log "the tests did not run on Spring Boot $boot: $(cat "$work/dependencies.txt")"; return 1; }
    local reports=("$ROOT"/sample-app/target/surefire-reports/TEST-*.xml)
    grep -q "name=\"java.home\" value=\"$jdk\"" "${reports[0]}" \
        || { log "the tests did not run on $jdk"; return 1; }
    python3 - "${reports[@]}" > "$work/tests.count" <<'PY'
import sys, xml.etree.ElementTree as ET
suites = [ET.parse(f).getroot() for f in sys.argv[1:]]
print(sum(int(s.get("tests")) for s in suites), sum(int(s.get("failures")) + int(s.get("errors")) for s in suites))
PY
}

{
    echo "| Spring Boot | Java | integration tests | AOT upgrade with snapshot |"
    echo "| --- | --- | --- | --- |"
} > "$OUT/results.md"
failed=0
for boot in "${BOOT_VERSIONS[@]}"; do
    for jdk in "${JDKS[@]}"; do
        java="$(java_version "$jdk")"
        work="$OUT/boot-$boot-java-$java"
        mkdir -p "$work"
        started=$SECONDS
        if integration_tests "$jdk" "$boot" "$work"; then
            read -r count failures < "$work/tests.count"
            tests="passed ($count tests)"
        else
            tests="FAILED"
            failed=1
        fi
        aot="not run"
        if [ "$RUN_AOT" = true ]; then
            if [ "$tests" = FAILED ]; then
                aot="not run (build failed)"
            elif aot_upgrade "$jdk" "$work/aot"; then aot="passed"; else aot="FAILED"; failed=1; fi
            cleanup
            APP_PID=""
        fi
        log "Spring Boot $boot, Java $java: tests $tests, AOT $aot ($((SECONDS - started))s)"
        echo "| $boot | $java | $tests | $aot |" >> "$OUT/results.md"
    done
done
log "starter jar sha256 $STARTER_SHA..., built on $(java_version "$DEFAULT_JDK"); results in $OUT/results.md"
cat "$OUT/results.md"
exit "$failed"
