#!/usr/bin/env bash
# Runs every test: the end-to-end Prometheus check (a real Prometheus server scrapes the sample app), then the unit,
# integration and fault tests of every module (`mvn verify -Pfaults`). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prometheus-e2e.sh
mvn -B verify -Pfaults "$@"
