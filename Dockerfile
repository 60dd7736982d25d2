# The chat action server (app-http) image. Build the jars first, then the image:
#   ./mvnw -B package && docker build --build-arg CHAT_UID=$(id -u) --build-arg CHAT_GID=$(id -g) -t chat-actions .
# CHAT_UID/CHAT_GID should be the owner of the host identity dir (mode 0700) that config-dir mode
# bind-mounts at /home/chat/.claude-chat, or the server cannot read it. See docs/identity.md.

# The chat's model: the Claude Code CLI, pinned, from the npm registry. Its native binary (from the
# platform package, e.g. @anthropic-ai/claude-code-linux-x64) runs without Node, so only it is kept.
FROM node:22-bookworm-slim AS claude
ARG CLAUDE_CODE_VERSION=2.1.332
RUN npm install -g --no-audit --no-fund "@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}" \
    && native="$(find "$(npm root -g)/@anthropic-ai" -path '*/claude-code-linux-*/claude' -not -path '*musl*' -type f | head -n 1)" \
    && test -n "$native" \
    && install -m 0755 "$native" /opt/claude \
    && HOME=/tmp CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 /opt/claude --version

FROM eclipse-temurin:25-jre

# The base image has no HTTP client; curl is for the HEALTHCHECK only.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# Ubuntu's images ship a user "ubuntu" with uid/gid 1000, the usual uid of the host user.
ARG CHAT_UID=1000
ARG CHAT_GID=1000
RUN if id ubuntu >/dev/null 2>&1; then userdel --remove ubuntu; fi \
    && groupadd --gid "${CHAT_GID}" chat \
    && useradd --uid "${CHAT_UID}" --gid chat --home-dir /home/chat --create-home --shell /usr/sbin/nologin chat \
    && install -d -m 0700 -o chat -g chat /home/chat/.claude-chat

# On PATH, where the server's model adapter finds it (CHAT_CLAUDE_BIN can point elsewhere).
COPY --from=claude /opt/claude /usr/local/bin/claude

COPY app-http/target/chat-actions-http.jar /app/chat-actions-http.jar
# The JVM options (bin/jvm-options, the one place they are defined) and the AOT cache, built here by a
# training run at the image's own JDK: a cache from another JDK or jar would be ignored.
COPY bin/jvm-options bin/aot-cache /app/bin/
RUN /app/bin/aot-cache /app/chat-actions-http.jar /app/chat-actions-http.aot && rm /app/chat-actions-http.aot.log
# The command line too, for `chat-actions identity check` inside the container.
COPY app-cli/target/chat-actions.jar /app/chat-actions.jar
RUN printf '#!/bin/sh\nexec java -jar /app/chat-actions.jar "$@"\n' > /usr/local/bin/chat-actions \
    && chmod 0755 /usr/local/bin/chat-actions

USER chat
WORKDIR /home/chat
# The chat model's own Anthropic identity: a bind mount in config-dir mode, an anonymous volume
# (left empty) in api-key mode. Never the agents' shared credentials.
VOLUME /home/chat/.claude-chat

# The CLI's non-essential traffic (auto-update, telemetry) stays off; the adapter also sets these
# for every model process, this covers `claude login` in the container too.
ENV CHAT_HOST=0.0.0.0 \
    CHAT_PORT=8080 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
    DISABLE_TELEMETRY=1
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${CHAT_PORT}/health" || exit 1

# The base image's entrypoint (optional CA certificate import) runs this command. The heap is fixed by
# bin/jvm-options rather than a share of the container's limit: what the server needs does not grow
# with the box (BENCHMARKS.md, "Footprint and start-up"); the server takes at most about 140 MiB (heap
# ceiling 36 MiB), give the container 384 MiB for it and the processes it starts (compose.yml).
CMD ["java", "@/app/bin/jvm-options", "-XX:AOTCache=/app/chat-actions-http.aot", "-jar", "/app/chat-actions-http.jar"]
