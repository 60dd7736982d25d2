#!/usr/bin/env bash
# Streaming benchmark of the turn (see BENCHMARKS.md, section "Streaming turns"): a stand-in model
# sends 500 deltas per turn as fast as it can to N = 1, 16, 64 concurrent SSE clients.
# Options: -Dbench.turns=6 (turns per client), e.g. app-http/bench-turns.sh -Dbench.turns=10
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# -Pbench is active in every module of the reactor: skip the history benchmark, run only this one.
./mvnw -B -q -pl app-http -am -Pbench -DskipTests -Dbench.history.skip=true \
    -Dbench.main=dev.chatactions.app.http.TurnStreamBenchmark verify "$@"
