# Khulasa: Arabic news digests on Telegram.
# Build: docker build -t khulasa .
# Run:   docker run -d --restart unless-stopped -e TELEGRAM_BOT_TOKEN=... -v khulasa-data:/app/data khulasa
#
# Needs no host but the npm registry: native modules (sqlite3) compile from source against the
# Node headers this image already holds, instead of downloading prebuilt binaries or headers.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
  npm_config_build_from_source=true
COPY package.json package-lock.json ./
# Then drop what only building needed: sqlite3's objects and sources, type declarations, source
# maps, docs, and tsx (the image runs the compiled dist/, never TypeScript).
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && rm -rf node_modules/sqlite3/build/Release/obj node_modules/sqlite3/build/Release/obj.target \
    node_modules/sqlite3/build/Release/*.a node_modules/sqlite3/deps node_modules/sqlite3/src \
    node_modules/tsx node_modules/esbuild node_modules/@esbuild \
  && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' \
    -o -name '*.d.cts' -o -name '*.md' \) -delete

# TypeScript to JavaScript once, here, so the service never compiles at start.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json \
  && rm -rf dist/testkit dist/cli/bench dist/cli/bench.js

FROM node:20-bookworm-slim
LABEL org.opencontainers.image.title="khulasa" \
  org.opencontainers.image.description="Arabic news digests on Telegram"
ENV NODE_ENV=production \
  STORE_URL=sqlite:///app/data/khulasa.sqlite \
  DATA_DIR=/app/data \
  PORT=8080 \
  METRICS_PORT=9464
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json sources.default.json ./
COPY bin ./bin
COPY samples ./samples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080 9464
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/khulasa.js"]
