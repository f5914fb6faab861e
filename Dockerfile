# The server image: the Fastify server run from source with tsx, serving the built dashboards.
# One image for every instance; instances share nothing but Redis (REDIS_URL).
# Build: docker compose build (or: docker build -t handover-tracker-server:local .)

FROM node:20-slim AS build
WORKDIR /app
# The pinned pnpm (pnpm 11 needs Node 22).
RUN npm install --global --no-audit --no-fund pnpm@10.34.9
# Dependencies first, from the lockfile alone, so a source change does not download them again.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm --filter @handover/web build

FROM node:20-slim
WORKDIR /app
COPY --from=build /app /app
ENV HOST=0.0.0.0 \
    PORT=8080 \
    WEB_DIR=/app/apps/web/dist
# Nothing is written locally on Redis; the embedded store (no REDIS_URL) would use /app/data.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
# Ready means the event store answers (GET /readyz): a load balancer should send nothing before.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 and handles SIGTERM (drains, tells websocket clients 1012, exits within 10 s).
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
