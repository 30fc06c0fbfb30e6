import { describe, expect, it } from 'vitest';
import {
  dueInstantOn,
  isDueAt,
  isDueSameDaySince,
  floorToMinute,
} from '../../../src/time/index.js';

/** Every UTC minute in [from, to) at which the slot is due. */
function dueMinutes(slot: { deliveryTime: string; timeZone: string }, from: string, to: string) {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
    if (isDueAt(slot, new Date(t))) out.push(new Date(t).toISOString());
  }
  return out;
}

describe('due selection', () => {
  it.each([
    // Berlin: CET (+1) before 29 March 2026, CEST (+2) after.
    ['07:00', 'Europe/Berlin', '2026-03-28T00:00:00Z', '2026-03-28T06:00:00.000Z'],
    ['07:00', 'Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-29T05:00:00.000Z'],
    ['07:00', 'Europe/Berlin', '2026-10-25T12:00:00Z', '2026-10-25T06:00:00.000Z'],
    ['07:00', 'America/New_York', '2026-03-08T15:00:00Z', '2026-03-08T11:00:00.000Z'],
    ['07:00', 'America/New_York', '2026-03-07T15:00:00Z', '2026-03-07T12:00:00.000Z'],
    ['07:30', 'Asia/Riyadh', '2026-06-01T10:00:00Z', '2026-06-01T04:30:00.000Z'],
  ])('%s in %s on the local day of %s is %s', (time, zone, at, expected) => {
    expect(dueInstantOn({ deliveryTime: time, timeZone: zone }, new Date(at)).toISOString()).toBe(
      expected,
    );
  });

  it('a time in the spring-forward gap is served once, when the gap ends', () => {
    const slot = { deliveryTime: '02:30', timeZone: 'Europe/Berlin' };
    expect(dueMinutes(slot, '2026-03-28T22:00:00Z', '2026-03-29T22:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the first minute after 01:59 CET
    ]);
    const ny = { deliveryTime: '02:00', timeZone: 'America/New_York' };
    expect(dueMinutes(ny, '2026-03-08T05:00:00Z', '2026-03-09T05:00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
    ]);
  });

  it('a time repeated when clocks fall back is served once, at its first occurrence', () => {
    const slot = { deliveryTime: '02:30', timeZone: 'Europe/Berlin' };
    expect(dueMinutes(slot, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('each day across a DST change has exactly one due minute', () => {
    const slot = { deliveryTime: '07:00', timeZone: 'America/New_York' };
    const minutes = dueMinutes(slot, '2026-03-06T05:00:00Z', '2026-03-10T05:00:00Z');
    expect(minutes).toEqual([
      '2026-03-06T12:00:00.000Z',
      '2026-03-07T12:00:00.000Z',
      '2026-03-08T11:00:00.000Z',
      '2026-03-09T11:00:00.000Z',
    ]);
  });

  it('catch-up serves a slot missed during downtime only on the same local day', () => {
    const slot = { deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }; // 04:00Z
    const downSince = new Date('2026-05-01T03:00:00Z');
    expect(isDueSameDaySince(slot, downSince, new Date('2026-05-01T09:00:00Z'))).toBe(true);
    expect(isDueSameDaySince(slot, downSince, new Date('2026-05-01T03:59:00Z'))).toBe(false);
    // Back the next local day: yesterday's slot is not served again (today's comes at 04:00Z).
    expect(isDueSameDaySince(slot, downSince, new Date('2026-05-01T22:00:00Z'))).toBe(false);
    // Already served before the downtime began.
    expect(
      isDueSameDaySince(slot, new Date('2026-05-01T05:00:00Z'), new Date('2026-05-01T09:00:00Z')),
    ).toBe(false);
  });

  it('floors to the minute and falls back to UTC for an unknown zone', () => {
    expect(floorToMinute(new Date('2026-01-01T07:00:59.999Z')).toISOString()).toBe(
      '2026-01-01T07:00:00.000Z',
    );
    expect(
      dueInstantOn(
        { deliveryTime: '07:00', timeZone: 'Mars/Base' },
        new Date('2026-01-01T12:00:00Z'),
      ).toISOString(),
    ).toBe('2026-01-01T07:00:00.000Z');
  });
});
