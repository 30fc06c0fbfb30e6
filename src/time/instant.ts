/**
 * When a subscriber is due, in UTC, computed with luxon so that daylight-saving changes neither
 * skip nor repeat a delivery: a local time that does not exist that day (the spring-forward gap)
 * is due when the gap ends, and a local time that happens twice (fall back) counts once, at its
 * first occurrence.
 */
import { DateTime } from 'luxon';
import { zoneOf } from './zone.js';

export interface DeliverySlot {
  /** Local HH:MM. */
  deliveryTime: string;
  /** IANA zone. */
  timeZone: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** (zone, time, local day) → instant: a tick asks about the same few days over and over. */
const instants = new Map<string, number>();

/** The start of the UTC minute holding `at`. */
export function floorToMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * The UTC instant of the subscriber's delivery time on the local calendar day that contains
 * `at` (in the subscriber's zone). An unknown zone falls back to UTC. Same rules as the store's
 * due index: a time skipped by a spring-forward gap is due when the gap ends (02:30 → 03:00),
 * and a time repeated when clocks fall back is due at its first occurrence.
 */
export function dueInstantOn(slot: DeliverySlot, at: Date): Date {
  const zone = zoneOf(slot.timeZone);
  const atMs = at.getTime();
  const localDay = Math.floor((atMs + zone.offset(atMs) * MINUTE_MS) / DAY_MS);
  const key = `${zone.name}|${slot.deliveryTime}|${localDay}`;
  const hit = instants.get(key);
  if (hit !== undefined) return new Date(hit);
  const local = DateTime.fromMillis(atMs, { zone });
  const [h, m] = slot.deliveryTime.split(':').map(Number) as [number, number];
  const wanted = h * 60 + m;
  // Built from the calendar fields (not from `at`'s offset), so the answer is the same whichever
  // side of a change `at` is on.
  const guess = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: h, minute: m },
    { zone },
  ).toMillis();
  const minuteOf = (t: number) => {
    const d = DateTime.fromMillis(t, { zone });
    return { day: d.day, minute: d.hour * 60 + d.minute };
  };
  let ms = guess;
  if (minuteOf(ms).minute !== wanted) {
    // In a gap: luxon moved the time forward by the gap; walk back to the gap's end.
    while (ms - MINUTE_MS > guess - 4 * 3_600_000) {
      const prev = minuteOf(ms - MINUTE_MS);
      if (prev.day !== local.day || prev.minute < wanted) break;
      ms -= MINUTE_MS;
    }
  } else {
    // A repeated hour: luxon picks the later occurrence; take the earlier one if there is one.
    for (const back of [3_600_000, 1_800_000]) {
      const earlier = minuteOf(ms - back);
      if (earlier.day === local.day && earlier.minute === wanted) {
        ms -= back;
        break;
      }
    }
  }
  if (instants.size > 100_000) instants.clear();
  instants.set(key, ms);
  return new Date(ms);
}

/** True when the subscriber's delivery falls in the UTC minute holding `minute`. */
export function isDueAt(slot: DeliverySlot, minute: Date): boolean {
  const start = floorToMinute(minute).getTime();
  return dueInstantOn(slot, minute).getTime() === start;
}

/**
 * True when today's delivery (the local day of `now`) fell in (from, now]: the subscriber was
 * due while the service was down and can still be served the same day.
 */
export function isDueSameDaySince(slot: DeliverySlot, from: Date, now: Date): boolean {
  const due = dueInstantOn(slot, now).getTime();
  return due > from.getTime() && due <= now.getTime();
}

/**
 * The next delivery after `now` for a local time in a zone, as a reader is told it. A time that
 * does not exist that day (spring forward) is shifted by the gap, as luxon does, and an
 * ambiguous one (fall back) is shown once.
 * @example nextDelivery('07:00', 'Asia/Riyadh', new Date('2026-11-28T05:00:00Z')) // 29th, 04:00Z
 */
export function nextDelivery(time: string, zone: string, now: Date): DateTime {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (candidate <= local) {
    candidate = local.plus({ days: 1 }).set({ hour: h, minute: m, second: 0, millisecond: 0 });
  }
  return candidate;
}
