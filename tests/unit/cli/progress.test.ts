/** Progress lines: on a terminal's stderr only, throttled, ended with the final count. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { evaluate } from '../../../src/cli/eval-summaries.js';
import { createProgress } from '../../../src/cli/progress.js';

function sink() {
  let text = '';
  const stream = new PassThrough().on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const err = sink();
    const p = createProgress({ stderr: err.stream, interactive: false }, 'importing', 3);
    p.tick(1);
    p.end(3);
    expect(err.text()).toBe('');
  });

  it('rewrites one line at most every 100 ms, then ends it with the total', () => {
    const err = sink();
    let t = 0;
    const p = createProgress({ stderr: err.stream, interactive: true }, 'importing', 500, () => t);
    p.tick(1);
    t = 50;
    p.tick(2);
    t = 150;
    p.tick(3);
    p.end(500);
    expect(err.text()).toBe('\rimporting 1/500\rimporting 3/500\rimporting 500/500\n');
  });
});

describe('commands show progress on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khulasa-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { STORE_URL: `sqlite://${join(dir, 'k.sqlite')}` };

  async function run(argv: string[], stdin: string) {
    const out = sink();
    const err = sink();
    const input = new PassThrough();
    input.end(stdin);
    const code = await main(argv, {
      stdin: input,
      stdout: out.stream,
      stderr: err.stream,
      env,
      interactive: true,
    });
    return { code, out: out.text(), err: err.text() };
  }

  it('subscribers import and export', async () => {
    const line = (id: number) =>
      JSON.stringify({
        chatId: id,
        chatType: 'private',
        language: 'ar',
        deliveryTime: '07:00',
        timeZone: 'UTC',
        topics: [],
        active: true,
      });
    const file = join(dir, 'subs.jsonl');
    writeFileSync(file, [1001, 1002, 1003].map(line).join('\n'));
    const imported = await run(['subscribers', 'import', file], '');
    expect(imported.code).toBe(0);
    expect(imported.err).toMatch(/\rimporting lines 3\n/);
    const exported = await run(['subscribers', 'export'], '');
    expect(exported.err).toMatch(/\rexporting 3\/3\n/);
    expect(exported.out.trim().split('\n')).toHaveLength(3);
  });

  it('eval reports each document', () => {
    const ticks: number[] = [];
    const doc = {
      id: 'd',
      text: 'جملة أولى عن الطقس. جملة ثانية عن المطر.',
      summaries: ['جملة عن الطقس'],
      isNews: true,
    };
    evaluate([doc, { ...doc, id: 'e' }], { first: (d) => d.text.split('.')[0]! }, (n) =>
      ticks.push(n),
    );
    expect(ticks).toEqual([1, 2]);
  });
});
