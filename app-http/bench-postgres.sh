#!/usr/bin/env bash
# Load benchmark of the chat action server on PostgreSQL (see BENCHMARKS.md, section "PostgreSQL"):
# one server on the NDJSON files, one on PostgreSQL, two on one PostgreSQL (round-robin), in one run.
# Needs PostgreSQL's server binaries (Debian's postgresql package), as the tests do.
# Options as for bench.sh: -Dbench.clients=64 -Dbench.warmup=150 -Dbench.requests=300 (requests per client)
# -Dbench.setups=files,db,db2 (which set-ups, in this order), -Dbench.postgres.durable=true (fsync and
# synchronous commit on), -Dbench.server.options="JVM options" (for the servers, e.g. a flight recording).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl app-http -am -Pbench -DskipTests -Dbench.history.skip=true \
    -Dbench.main=dev.chatactions.app.http.bench.PostgresLoadBenchmark verify "$@"
