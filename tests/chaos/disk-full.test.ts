/** Scenario 7: the disk fills up under the SQLite store. */
import { describe, expect, it } from 'vitest';
import { captureLogs, diskFull } from '../../src/testkit/chaos.js';

describe('the disk fills during an ingest pass (SQLite)', () => {
  it('says the store is full, keeps the file sound, and the next pass with room stores the rest once', async () => {
    const logs = captureLogs();
    const r = await diskFull({ log: logs.log });
    const [first, error, integrity, second] = r.notes;
    const m = /first pass: (\d+) of 10 sources failed; (\d+) articles stored/.exec(first!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeLessThan(400);
    expect(error).toMatch(
      /^error: the store is full \(.*store\.sqlite\): SQLite could not grow the file/,
    );
    expect(integrity).toBe('integrity check after the failure: ok');
    expect(second).toMatch(/second pass: \d+ new articles, 0 sources failed/);
    expect(r.articles).toEqual({ expected: 400, stored: 400, lost: 0, duplicated: 0 });
  });
});
