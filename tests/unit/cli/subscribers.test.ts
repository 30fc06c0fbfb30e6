/** `khulasa subscribers export|import` through the real command line, on a temp SQLite store. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'khulasa-cli-subs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string>, stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await main(argv, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    env,
    interactive: false,
  });
  return { code, out, err };
}

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const good1 = {
  chatId: 11,
  chatType: 'private',
  language: 'en',
  deliveryTime: '07:30',
  timeZone: 'Europe/London',
  topics: ['غزة'],
  active: true,
};
const good2 = {
  ...good1,
  chatId: -1002,
  chatType: 'supergroup',
  language: 'ar',
  threadId: 7,
  active: false,
};

describe('khulasa subscribers', () => {
  const env = { STORE_URL: `sqlite://${join(dir, 'a', 'store.sqlite')}` };
  const file = join(dir, 'in.jsonl');
  writeFileSync(
    file,
    [
      line(good1),
      line({ ...good1, chatId: 12, deliveryTime: '7:30' }),
      '{broken',
      '',
      line({ ...good1, chatId: 13, timeZone: 'Nowhere/Land' }),
      line(good2),
      line({ ...good1, chatId: 'x' }),
    ].join('\n'),
  );

  it('imports the good lines and reports each bad one with its line number', async () => {
    const r = await run(['subscribers', 'import', file], env);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('line '))).toEqual([
      expect.stringMatching(/^line 2: "deliveryTime"/),
      expect.stringMatching(/^line 3: not valid JSON/),
      expect.stringMatching(/^line 5: "timeZone".*Nowhere\/Land/),
      expect.stringMatching(/^line 7: "chatId"/),
    ]);
    expect(lines.at(-1)).toMatch(/imported 2 subscribers \(2 new\); 4 bad lines/);
  });

  it('is idempotent', async () => {
    const before = await run(['subscribers', 'export'], env);
    const again = await run(['subscribers', 'import', file], env);
    expect(again.err).toMatch(/imported 2 subscribers \(0 new\)/);
    const after = await run(['subscribers', 'export'], env);
    expect(after.out).toBe(before.out);
  });

  it('exports exactly the documented keys first, one JSON line per subscriber', async () => {
    const r = await run(['subscribers', 'export'], env);
    expect(r.code).toBe(0);
    const rows = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).slice(0, 7)).toEqual([
        'chatId',
        'chatType',
        'language',
        'deliveryTime',
        'timeZone',
        'topics',
        'active',
      ]);
    }
    const byId = new Map(rows.map((row) => [row.chatId, row]));
    expect(byId.get(11)).toMatchObject(good1);
    expect(byId.get(-1002)).toMatchObject(good2);
  });

  it('moves subscribers to another backend through a file, from standard input too', async () => {
    const out = join(dir, 'backup.jsonl');
    const exported = await run(['subscribers', 'export', '--out', out], env);
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(/exported 2 subscribers to/);
    const other = { STORE_URL: `sqlite://${join(dir, 'b', 'store.sqlite')}` };
    const imported = await run(['subscribers', 'import', '-'], other, readFileSync(out, 'utf8'));
    expect(imported.code).toBe(0);
    const back = await run(['subscribers', 'export'], other);
    const sort = (t: string) => t.trim().split('\n').sort();
    expect(sort(back.out)).toEqual(sort(readFileSync(out, 'utf8')));
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    for (const argv of [
      ['subscribers'],
      ['subscribers', 'wipe'],
      ['subscribers', 'import'],
      ['subscribers', 'export', 'x'],
    ]) {
      const r = await run(argv, env);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const missing = await run(['subscribers', 'import', join(dir, 'nope.jsonl')], env);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
  });
});
