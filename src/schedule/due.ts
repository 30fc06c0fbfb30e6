/**
 * When a subscriber is due, in UTC, computed with luxon so that daylight-saving changes neither
 * skip nor repeat a delivery: a local time that does not exist that day (the spring-forward gap)
 * moves forward by the gap, and a local time that happens twice (fall back) counts once.
 */
import { DateTime } from 'luxon';

export interface DeliverySlot {
  /** Local HH:MM. */
  deliveryTime: string;
  /** IANA zone. */
  timeZone: string;
}

const MINUTE_MS = 60_000;

/** The start of the UTC minute holding `at`. */
export function floorToMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * The UTC instant of the subscriber's delivery time on the local calendar day that contains
 * `at` (in the subscriber's zone). An unknown zone falls back to UTC.
 */
export function dueInstantOn(slot: DeliverySlot, at: Date): Date {
  let local = DateTime.fromJSDate(at, { zone: slot.timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(at, { zone: 'UTC' });
  const [h, m] = slot.deliveryTime.split(':').map(Number) as [number, number];
  // Built from the calendar fields (not from `at`'s offset), so a repeated local time resolves
  // to the same instant whichever side of the change `at` is on.
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: h, minute: m },
    { zone: local.zone },
  ).toJSDate();
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
