/** Which local delivery times fall on a UTC minute, including DST gaps and repeats. */
import { describe, expect, it } from 'vitest';
import {
  dueMinutes,
  dueMinutesBetween,
  hhmm,
  isValidTimeZone,
  localMinute,
} from '../../../src/time/index.js';

const at = (iso: string) => Date.parse(iso);
const times = (zone: string, iso: string) => dueMinutes(zone, at(iso)).map(hhmm);

describe('dueMinutes', () => {
  it.each([
    ['UTC', '2026-05-05T07:30:00Z', ['07:30']],
    ['Asia/Riyadh', '2026-05-05T05:00:59Z', ['08:00']],
    ['Asia/Kolkata', '2026-05-05T02:30:00Z', ['08:00']],
    ['Asia/Kathmandu', '2026-05-05T02:15:00Z', ['08:00']],
    ['Europe/London', '2026-07-01T07:00:00Z', ['08:00']],
    ['Europe/London', '2026-01-01T08:00:00Z', ['08:00']],
  ])('%s at %s is %j', (zone, iso, expected) => {
    expect(times(zone, iso)).toEqual(expected);
  });

  it('makes the times skipped by spring-forward due at the first minute after the gap', () => {
    // Europe/Paris, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z.
    const due = times('Europe/Paris', '2026-03-29T01:00:00Z');
    expect(due[0]).toBe('02:00');
    expect(due.at(-1)).toBe('03:00');
    expect(due).toHaveLength(61);
    expect(times('Europe/Paris', '2026-03-29T01:01:00Z')).toEqual(['03:01']);
  });

  it('makes a repeated time due once when the clock falls back', () => {
    // Europe/Paris, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:00–02:59 repeat.
    expect(times('Europe/Paris', '2026-10-25T00:30:00Z')).toEqual(['02:30']);
    expect(times('Europe/Paris', '2026-10-25T01:30:00Z')).toEqual([]);
    expect(times('Europe/Paris', '2026-10-25T02:00:00Z')).toEqual(['03:00']);
  });

  it('handles a 30-minute DST shift (Lord Howe Island)', () => {
    // 2026-10-04 02:00 local (+10:30) jumps to 02:30 (+11) at 15:30Z on Oct 3.
    expect(times('Australia/Lord_Howe', '2026-10-03T15:30:00Z')).toEqual(
      Array.from({ length: 31 }, (_, i) => `02:${String(i).padStart(2, '0')}`),
    );
  });

  it('every local minute of an ordinary day is due exactly once', () => {
    const seen = new Map<number, number>();
    for (let t = at('2026-06-10T00:00:00Z'); t < at('2026-06-11T00:00:00Z'); t += 60_000) {
      for (const m of dueMinutes('America/Sao_Paulo', t)) seen.set(m, (seen.get(m) ?? 0) + 1);
    }
    expect(seen.size).toBe(1440);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('dueMinutesBetween', () => {
  it('covers (from, to], at most one day', () => {
    const got = [
      ...dueMinutesBetween('UTC', at('2026-02-01T06:10:00Z'), at('2026-02-01T06:13:00Z')),
    ].map(hhmm);
    expect(got).toEqual(['06:11', '06:12', '06:13']);
    expect(
      dueMinutesBetween('UTC', at('2026-02-01T00:00:00Z'), at('2026-02-05T00:00:00Z')).size,
    ).toBe(1440);
    expect(
      dueMinutesBetween('UTC', at('2026-02-01T06:13:00Z'), at('2026-02-01T06:13:00Z')).size,
    ).toBe(0);
  });

  it('includes the times inside a spring-forward gap', () => {
    const got = dueMinutesBetween(
      'Europe/Paris',
      at('2026-03-29T00:50:00Z'),
      at('2026-03-29T01:05:00Z'),
    );
    expect(got.has(2 * 60 + 30)).toBe(true);
  });
});

describe('time zones', () => {
  it('knows IANA names and rejects others', () => {
    expect(isValidTimeZone('Asia/Gaza')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(localMinute('Asia/Tokyo', at('2026-01-01T00:00:00Z'))).toBe(9 * 60);
  });
});
