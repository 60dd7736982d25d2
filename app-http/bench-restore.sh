#!/usr/bin/env bash
# Restore time and memory over a large history (BENCHMARKS.md "Restoring a 100 MB history").
# Usage: app-http/bench-restore.sh JAR HISTORY_DIR [java options...]
# Starts the server in dry-run mode over HISTORY_DIR (made by LargeHistory.java), then prints the
# time from launch to the first 200 on /health, to the end of the restore (its log line; a server
# that restores before it opens the port has none: then it is the first), and the peak and current RSS after it.
set -euo pipefail
jar=$1 history=$2
shift 2
port=$(( 20000 + RANDOM % 20000 ))
log=$(mktemp)
start=$(date +%s%N)
CHAT_HISTORY_DIR=$history CHAT_PORT=$port CHAT_MODEL=none "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$@" -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }
until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
health=$(ms)
restored=$health
# A server that restores before it opens the port (before issue 15's lazy start) logs no end.
if unzip -p "$jar" dev/chatactions/app/http/Main.class | grep -aq "action history restored"; then
  restored=-
fi
while [ "$restored" = - ]; do
  if grep -q "action history restored" "$log"; then restored=$(ms); break; fi
  grep -q "could not be restored\|OutOfMemoryError" "$log" && { grep "could not be restored\|OutOfMemoryError" "$log"; break; }
  sleep 0.1
done
peak=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
now=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
echo "launch->200 ${health} ms; launch->restored ${restored} ms; peak RSS ${peak} MiB; RSS now ${now} MiB"
