/** `khulasa sources import FILE.opml` and `khulasa sources export` on a SQLite store. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { parseOpml } from '../../../src/sources/opml.js';
import { createStore } from '../../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'khulasa-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  STORE_URL: `sqlite://${join(dir, 'khulasa.sqlite')}`,
  SOURCES_FILE: join(dir, 'sources.json'),
};
writeFileSync(
  env.SOURCES_FILE,
  JSON.stringify({
    sources: [{ id: 'base', name: 'القاعدة', url: 'https://base.example/rss', kind: 'feed' }],
  }),
);

async function run(args: string[], interactive = false) {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c: Buffer) => (out += c.toString()));
  const stderr = new PassThrough().on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(['sources', ...args], {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env,
    interactive,
  });
  return { code, out, err };
}

const OPML = `<?xml version="1.0"?>
<opml version="1.1"><head><title>t</title></head><body>
  <outline text="مجلد"><outline text="المدار" xmlUrl="https://almadar.example/feed"/></outline>
  <outline text="القاعدة" xmlUrl="https://base.example/rss"/>
  <outline text="الواحة" xmlUrl="https://alwaha.example/rss.xml?lang=ar&amp;full=1"/>
  <outline text="المدار مرة أخرى" xmlUrl="https://almadar.example/feed"/>
</body></opml>`;

describe('khulasa sources', () => {
  it('imports every feed, one line each, skipping duplicates, and exits 0', async () => {
    const file = join(dir, 'feeds.opml');
    writeFileSync(file, OPML);
    const r = await run(['import', file]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([
      'added   almadar-example https://almadar.example/feed',
      'skipped https://base.example/rss (already a source)',
      'added   alwaha-example https://alwaha.example/rss.xml?lang=ar&full=1',
      'skipped https://almadar.example/feed (already a source)',
    ]);
    expect(r.err).toMatch(/2 added, 2 skipped, from 4 feeds/);
    const store = await createStore(env.STORE_URL);
    expect((await store.sources.list()).map((s) => s.name).sort()).toEqual(['المدار', 'الواحة']);
    await store.close();

    const again = await run(['import', file], true);
    expect(again.out).not.toMatch(/^added/m);
    expect(again.err).toMatch(/importing 4\/4/);
  });

  it('exports every source as OPML and as JSON', async () => {
    const opml = await run(['export']);
    expect(opml.code).toBe(0);
    expect(parseOpml(opml.out).map((f) => f.url)).toEqual([
      'https://base.example/rss',
      'https://almadar.example/feed',
      'https://alwaha.example/rss.xml?lang=ar&full=1',
    ]);
    const json = await run(['export', '--format', 'json']);
    const parsed = JSON.parse(json.out) as { sources: { id: string }[] };
    expect(parsed.sources.map((s) => s.id)).toEqual(['base', 'almadar-example', 'alwaha-example']);
  });

  it.each([
    [['import'], /needs an OPML FILE/],
    [['import', '/nonexistent/x.opml'], /cannot read/],
    [['export', '--format', 'csv'], /--format must be opml or json/],
    [['sync'], /expected 'import' or 'export'/],
  ])('refuses %j with exit 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('refuses a file that is not OPML', async () => {
    const file = join(dir, 'feed.xml');
    writeFileSync(file, '<rss><channel><title>x</title></channel></rss>');
    const r = await run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not an OPML file/);
  });
});
