#!/usr/bin/env bash
# Load benchmark of the chat action server (see BENCHMARKS.md, section "HTTP server").
# Options: -Dbench.clients=64 -Dbench.warmup=150 -Dbench.requests=300 (requests per client), e.g. app-http/bench.sh -Dbench.requests=500
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# -Pbench is active in every module of the reactor: skip the history benchmark, run only this one.
./mvnw -B -q -pl app-http -am -Pbench -DskipTests -Dbench.history.skip=true verify "$@"
