/**
 * The operations endpoint on METRICS_PORT: GET /healthz (JSON) and GET /metrics (Prometheus
 * text). It answers nothing else, and never exposes configuration or secrets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';
import { redactUrlPasswords } from './redact.js';

export interface HealthStatus {
  /** False only when the store cannot be read (then the endpoint answers 503). */
  ok: boolean;
  /** "degraded" when `reasons` lists something an operator should look at. */
  status?: 'ok' | 'degraded';
  reasons?: string[];
  /** ISO time of the last finished ingest pass, if any. */
  lastIngest?: string;
  /** ISO time of the last digest build, if any. */
  lastBuild?: string;
  /** Whether this instance holds the scheduler lock. */
  leader?: boolean;
  [key: string]: unknown;
}

export interface OpsServerOptions {
  port: number;
  /** @default '0.0.0.0' (scrapers live on other hosts); tests pass 127.0.0.1. */
  host?: string;
  metrics: Metrics;
  health: () => HealthStatus | Promise<HealthStatus>;
  /**
   * A health check taking longer than this means the store is not answering (503).
   * @default 5000
   */
  healthTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    timer.unref();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

export interface OpsServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the ops HTTP server; resolves once it listens. */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      withTimeout(
        Promise.resolve().then(() => opts.health()),
        opts.healthTimeoutMs ?? 5000,
      ).then(
        (h) => {
          const body: HealthStatus = {
            ...h,
            status: h.status ?? (h.ok ? 'ok' : 'degraded'),
            reasons: h.reasons ?? [],
          };
          res
            .writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify(body));
        },
        (err: Error) => {
          // The checks read the store: failing or hanging, it is the store that is unreachable.
          const error = redactUrlPasswords(err.message.split('\n')[0]!);
          res.writeHead(503, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              ok: false,
              status: 'degraded',
              reasons: [`store unreachable: ${error}`],
              error,
            }),
          );
        },
      );
      return;
    }
    if (path === '/metrics') {
      opts.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': opts.metrics.registry.contentType }).end(text);
        },
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '0.0.0.0';
  return {
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
