/**
 * Lints the deployment files without a Docker daemon: the Dockerfile with dockerfilelint and by
 * its structure, compose.yaml by what a two-instance webhook deployment needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('passes dockerfilelint', () => {
    const bin = join(root, 'node_modules', '.bin', 'dockerfilelint');
    expect(() => execFileSync(bin, [join(root, 'Dockerfile')], { stdio: 'pipe' })).not.toThrow();
  });

  it('builds on Node 20 in two stages and runs as a non-root user', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) expect(f).toMatch(/node:20-bookworm-slim/);
    const user = instructions.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/root|\b0\b/);
  });

  it('keeps data in the /app/data volume and checks /healthz', () => {
    expect(instructions.some((l) => l.startsWith('VOLUME') && l.includes('/app/data'))).toBe(true);
    expect(instructions.find((l) => l.startsWith('HEALTHCHECK'))).toMatch(/\/healthz/);
    expect(dockerfile).toMatch(/STORE_URL=sqlite:\/\/\/app\/data\//);
  });

  it('builds native modules against the image’s own Node headers, with nothing downloaded', () => {
    const deps = dockerfile.slice(0, dockerfile.indexOf('AS build'));
    expect(deps).toMatch(/npm_config_nodedir=\/usr\/local/);
    expect(deps).toMatch(/npm_config_build_from_source=true/);
    expect(deps).toMatch(/npm ci --omit=dev/);
  });

  it('compiles to dist/ in a build stage and ships neither sources, test kit nor benchmarks', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const build = stages.find((s) => /AS build/.test(s.split('\n')[0]!));
    expect(build).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(build).toMatch(/rm -rf dist\/testkit dist\/cli\/bench dist\/cli\/bench\.js/);
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/COPY src|COPY tests|testkit/);
  });

  it('copies only paths that exist in the repository', () => {
    const copies = instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const parts = c.split(/\s+/).slice(1);
      for (const src of parts.slice(0, -1)) expect(existsSync(join(root, src)), src).toBe(true);
    }
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      {
        environment?: Record<string, string>;
        env_file?: string | string[];
        healthcheck?: unknown;
        image?: string;
        command?: unknown;
      }
    >;
  };
  const bots = Object.entries(compose.services).filter(
    ([, s]) => s.environment?.TELEGRAM_BOT_TOKEN,
  );

  it('runs two bot instances in webhook mode', () => {
    expect(bots.length).toBe(2);
    for (const [, s] of bots) {
      expect(s.environment?.WEBHOOK_URL).toMatch(/^https:\/\//);
      expect(s.environment?.WEBHOOK_SECRET).toBeTruthy();
      expect(s.environment?.METRICS_PORT).toBeTruthy();
    }
  });

  it('shares one Redis between them for state and the scheduler lock', () => {
    const urls = new Set(bots.map(([, s]) => s.environment?.STORE_URL));
    expect(urls.size).toBe(1);
    const [url] = [...urls];
    expect(url).toMatch(/^redis:\/\/redis:6379/);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.redis?.healthcheck).toBeDefined();
  });

  it('passes the whole .env to each instance, not only the variables it names', () => {
    for (const [, s] of bots) expect([s.env_file].flat()).toContain('.env');
  });

  it('puts a proxy in front that reaches both instances', () => {
    const proxy = JSON.stringify(compose.services.proxy?.command ?? '');
    for (const [name] of bots) expect(proxy).toContain(`${name}:8080`);
  });
});
