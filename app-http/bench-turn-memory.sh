#!/usr/bin/env bash
# The turns' worst case (see BENCHMARKS.md, "Footprint and start-up"): the packaged server with each
# JVM configuration, 64 turns at once at the reply cap, one character per delta, slow readers, after
# a history of 5,000 clicks is restored (the ledger at its bound); peak RSS, failed turns,
# OutOfMemoryError. Without -Dbench.configs: bin/jvm-options with the AOT cache.
# Options: -Dbench.turns=2 (turns per client), -Dbench.reader.pause.micros=200,
# -Dbench.restore.actions=5000 (0: none), -Dbench.configs=name=options|...
set -euo pipefail
cd "$(dirname "$0")/.."
B=$PWD
exec app-http/bench.sh -Dbench.main=dev.chatactions.app.http.bench.TurnMemoryBenchmark -Dbench.turns=2 \
    "-Dbench.configs=bin/jvm-options + AOT cache=@$B/bin/jvm-options -XX:AOTCache=$B/app-http/target/chat-actions-http.aot" "$@"
