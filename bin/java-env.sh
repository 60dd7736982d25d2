# Sourced by the scripts in bin/: exports JAVA_HOME as a JDK 21 or newer (the build's enforcer
# refuses older ones), preferring the caller's JAVA_HOME, then the usual install places.
is_jdk21_plus() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] &&
    "$1/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'
}
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21_plus "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    if is_jdk21_plus "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "$JAVA_HOME" ]; then
  echo "chat-actions needs a JDK 21 or newer: set JAVA_HOME to one" >&2
  exit 1
fi
export JAVA_HOME
