/** The readable log output has colours, unless NO_COLOR asks for none. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../../src/log.js';

const fixture = join(import.meta.dirname, 'fixtures-pretty.ts');
const ESC = '\u001b[';

/** What the fixture's pretty logger writes to stderr under `env`. */
function prettyStderr(env: Record<string, string>): string {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', `await import(${JSON.stringify(fixture)})`],
    { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  ).stderr;
}

describe('NO_COLOR', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: 'true' }, false],
    [{ NO_COLOR: '' }, true],
  ])('%j → colours %s', (env, expected) => {
    expect(wantsColor(env)).toBe(expected);
  });

  it('leaves escape codes out of the pretty log when set', () => {
    const coloured = prettyStderr({ FORCE_COLOR: '1' });
    const plain = prettyStderr({ NO_COLOR: '1' });
    expect(coloured).toContain('pretty line');
    expect(plain).toContain('pretty line');
    expect(coloured).toContain(ESC);
    expect(plain).not.toContain(ESC);
  }, 30_000);
});
