# syntax=docker/dockerfile:1
# cutsbot: a build stage that compiles better-sqlite3, and a slim runtime stage without compilers.
# Every install step is scripts/container/install-production.sh, which CI also runs (no container engine
# runs on our CI machines, so this file itself is not built there; see README "Running in production").

FROM node:20-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/container/install-production.sh scripts/container/
RUN scripts/container/install-production.sh /app

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    KNOWLEDGE_DIR=/knowledge \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY scripts/container/healthcheck.mjs ./scripts/container/
# The shipped articles seed the knowledge volume the first time it is mounted empty.
COPY --chown=node:node knowledge /knowledge
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data", "/knowledge"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/container/healthcheck.mjs"]
# Exec form: node is PID 1 and receives SIGTERM itself, and the bot shuts down cleanly on it.
CMD ["node", "--import", "tsx", "src/main.ts"]
