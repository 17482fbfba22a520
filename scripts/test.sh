#!/usr/bin/env bash
# Runs every test: the end-to-end Prometheus check (a real Prometheus server scrapes the sample app), the unit,
# integration and fault tests of every module (`mvn verify -Pfaults`), the compatibility matrix (the same starter jar
# in the sample app on Spring Boot 4.0 and 4.1, Java 17 and 25, plain and AOT-processed; scripts/compat.sh), and the
# release check (what a public Maven repository would receive; scripts/release-check.sh). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prometheus-e2e.sh
mvn -B verify -Pfaults "$@"
scripts/compat.sh "$@"
scripts/release-check.sh "$@"
