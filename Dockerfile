# Khulasa: Arabic news digests on Telegram.
# Build: docker build -t khulasa .   Run: docker run -e TELEGRAM_BOT_TOKEN=... -v khulasa-data:/app/data khulasa

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# sqlite3 has no prebuilt binary for every platform; build tools let it compile from source.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

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
COPY package.json tsconfig.json sources.default.json ./
COPY bin ./bin
COPY src ./src
COPY samples ./samples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080 9464
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/khulasa.js"]
