#!/usr/bin/env bash
# Streaming benchmark of the turn (see BENCHMARKS.md, section "Streaming turns"): a stand-in model
# sends 500 deltas per turn as fast as it can to N = 1, 16, 64 concurrent SSE clients.
# Options (each -Dname=value):
#   bench.turns=6               turns per client
#   bench.pace.micros=0         a pause between the stand-in's deltas (1000: a delta a millisecond)
#   bench.n=1,16,64             the client counts, one after the other
#   bench.readers=blocking,polling  how the clients read, each N both ways: blocked in a thread per
#                               client, or one thread spinning over all sockets (it takes a core)
#   bench.server.jvm="@$PWD/bin/jvm-options -Xlog:gc:file=/tmp/gc.log"  the server JVM's options
#                               (default: @ this checkout's bin/jvm-options, as shipped; a path must be
#                               absolute; empty: Maven's exec JVM with the JDK's defaults)
#   bench.client.jvm="-XX:+UseSerialGC -Xms512m -Xmn384m"  the clients' JVM options
# e.g. flock /tmp/bench.lock app-http/bench-turns.sh -Dbench.pace.micros=1000 -Dbench.turns=3 -Dbench.n=1,16
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# -Pbench is active in every module of the reactor: skip the history benchmark, run only this one.
./mvnw -B -q -pl app-http -am -Pbench -DskipTests -Dbench.history.skip=true \
    -Dbench.main=dev.chatactions.app.http.TurnStreamBenchmark verify "$@"
