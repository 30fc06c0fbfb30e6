import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { rssFeed, serve, startServer, status, type TestServer } from './feed-server.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer({
    '/feed.xml': serve(
      rssFeed('CLI', [
        { title: 'خبر للاختبار', link: 'https://cli.example/1', description: 'نص الخبر' },
        { title: 'خبر ثان', link: 'https://cli.example/2', description: 'نص آخر' },
      ]),
    ),
    '/500': status(500),
  });
  dir = mkdtempSync(join(tmpdir(), 'khulasa-cli-ingest-'));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}, interactive = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { STORE_URL: 'memory://', ...env },
    interactive,
  });
  return { code, out, err };
}

describe('khulasa ingest', () => {
  it('prints exactly the documented JSON and exits 0 when a source worked', async () => {
    const r = await run([
      'ingest',
      '--from',
      `${server.url}/feed.xml`,
      '--from',
      `${server.url}/500`,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { sources: Record<string, unknown>[]; articles: number };
    expect(Object.keys(json)).toEqual(['sources', 'articles']);
    expect(json.articles).toBe(2);
    expect(json.sources).toHaveLength(2);
    for (const s of json.sources)
      expect(Object.keys(s)).toEqual(['id', 'url', 'status', 'items', 'new', 'error']);
    expect(json.sources[0]).toMatchObject({
      url: `${server.url}/feed.xml`,
      status: 'ok',
      items: 2,
      new: 2,
      error: null,
    });
    expect(json.sources[1]).toMatchObject({
      status: 'failed',
      items: 0,
      new: 0,
      error: expect.stringContaining('HTTP 500'),
    });
  });

  it('exits 1 with one line on stderr when every source failed', async () => {
    const r = await run(['ingest', '--from', `${server.url}/500`, '--from', join(dir, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^khulasa: all 2 sources failed/);
    expect(r.out).toMatch(/SOURCE\s+STATUS\s+ITEMS\s+NEW\s+ERROR/);
  });

  it('shows a live line per source on a terminal and a summary table', async () => {
    const r = await run(
      ['ingest', '--from', `${server.url}/feed.xml`, '--from', 'samples/articles.jsonl'],
      {},
      true,
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\[1\/2\] ✓ /);
    expect(r.err).toMatch(/\[2\/2\] ✓ /);
    expect(r.out).toMatch(/articles-jsonl\s+ok\s+13\s+12/);
    expect(r.out).toMatch(/14 new articles stored \(memory\); 2 of 2 sources worked/);
  });

  it('reads --sources FILE and rejects a bad one as bad usage', async () => {
    const good = join(dir, 'sources.json');
    writeFileSync(
      good,
      JSON.stringify({
        sources: [{ id: 'cli', name: 'CLI', url: `${server.url}/feed.xml`, kind: 'feed' }],
      }),
    );
    const r = await run(['ingest', '--sources', good, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).sources[0]).toMatchObject({ id: 'cli', status: 'ok' });

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sources: [{ id: 'x', url: 'ftp://x', kind: 'feed' }] }));
    const b = await run(['ingest', '--sources', bad]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^khulasa: --sources: .*sources\[0\]/);
  });

  it('uses SOURCES_FILE and refuses its local addresses unless ALLOW_PRIVATE_SOURCES', async () => {
    const file = join(dir, 'env-sources.json');
    writeFileSync(
      file,
      JSON.stringify({
        sources: [{ id: 'env', name: 'Env', url: `${server.url}/feed.xml`, kind: 'feed' }],
      }),
    );
    const refused = await run(['ingest', '--json'], { SOURCES_FILE: file });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).sources[0].error).toMatch(/private or local address/);
    const allowed = await run(['ingest', '--json'], {
      SOURCES_FILE: file,
      ALLOW_PRIVATE_SOURCES: 'true',
    });
    expect(allowed.code).toBe(0);

    const broken = await run(['ingest'], { SOURCES_FILE: join(dir, 'nope.json') });
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(
      /^khulasa: invalid configuration: SOURCES_FILE: cannot read sources file/,
    );
  });

  it('rejects unknown options', async () => {
    const r = await run(['ingest', '--frm', 'x']);
    expect(r.code).toBe(2);
  });
});

describe('smoke: khulasa bench ingest', () => {
  it('runs end to end at a tiny size and reports its figures', async () => {
    const r = await run([
      'bench',
      'ingest',
      '--feeds',
      '4',
      '--items',
      '5',
      '--hosts',
      '2',
      '--latency',
      '0',
      '--runs',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<
      string,
      { itemsPerSecond?: number; stored?: number; notModified?: number }
    >;
    expect(json.fullPass).toMatchObject({ stored: 20, failed: 0 });
    expect(json.parse!.itemsPerSecond).toBeGreaterThan(0);
    expect(json.bareXmlParse!.itemsPerSecond).toBeGreaterThan(0);
    expect(json.conditionalPass).toMatchObject({ notModified: 4 });
  });
});
