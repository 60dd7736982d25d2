#!/bin/sh
# Runs the marker-parser JMH benchmarks (a few minutes on 2 cores). Extra arguments go to JMH,
# e.g. core/bench.sh -p input=PROSE. Results are written up in BENCHMARKS.md.
set -eu
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -B -q -pl core -Pbench test-compile
if [ "$#" -gt 0 ]; then
  ./mvnw -B -q -pl core -Pbench exec:exec -Dbench.args="$*"
else
  ./mvnw -B -q -pl core -Pbench exec:exec
fi
