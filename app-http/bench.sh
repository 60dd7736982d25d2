#!/usr/bin/env bash
# Load benchmark of the chat action server (see BENCHMARKS.md, section "HTTP server").
# Each JVM configuration (-Dbench.configs, see app-http/pom.xml) is measured -Dbench.runs=3 times, interleaved.
# Options: -Dbench.clients=64 -Dbench.warmup=150 -Dbench.requests=300 (requests per client), e.g. app-http/bench.sh -Dbench.requests=500
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# -Pbench is active in every module of the reactor: skip the history benchmark, run only this one.
# -Paot builds the AOT cache of the jar it packages (one of the configurations measured).
./mvnw -B -q -pl app-http -am -Pbench,aot -DskipTests -Dbench.history.skip=true verify "$@"
