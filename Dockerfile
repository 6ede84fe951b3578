# syntax=docker/dockerfile:1
# The MEP API + web app as one image: `docker compose up` (compose.yaml) runs it beside Meilisearch,
# PostgreSQL, Redis and MinIO. Node runs the TypeScript sources through tsx, as `pnpm mep` does.

ARG NODE_VERSION=24
FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
WORKDIR /app
# Only the manifests first, so dependency layers stay cached until a lockfile or manifest changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY patches ./patches
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/db/package.json packages/db/
COPY packages/ingest/package.json packages/ingest/
COPY packages/taxonomy/package.json packages/taxonomy/

# Stage 1: every dependency, then the web app's production build (apps/web/dist).
FROM base AS build
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build:web

# Stage 2: runtime dependencies only (tsx included: it runs the CLI and the extraction sandboxes).
FROM base AS runtime-deps
RUN pnpm install --frozen-lockfile --prod

# Stage 3: what runs, as the unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    MEP_DATA_DIR=/data \
    MEP_WEB_DIST=/app/apps/web/dist \
    PORT=3000
WORKDIR /app
COPY --from=runtime-deps --chown=root:root /app /app
COPY --chown=root:root package.json tsconfig.base.json ./
COPY --chown=root:root apps/api ./apps/api
COPY --chown=root:root packages ./packages
COPY --from=build --chown=root:root /app/apps/web/dist ./apps/web/dist
# The code is root's and read-only to the service; only the data folder is the service's.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form, no shell): `mep serve` drains and exits on it.
ENTRYPOINT ["node", "--import", "tsx", "apps/api/src/cli/main.ts"]
CMD ["serve"]
