/**
 * Which local delivery times ("HH:MM" in an IANA zone) fall on a given UTC minute. The store's
 * subscriber index is bucketed by (zone, HH:MM); a tick reads only the buckets this module names.
 *
 * DST: when the clock springs forward (02:00 → 03:00), the skipped times 02:00–02:59 are due at
 * 03:00, so nobody is silently dropped; when it falls back, a repeated time is due only at its
 * first occurrence. The same rule as {@link dueInstantOn}, asked the other way round.
 */
const MINUTE = 60_000;

/**
 * One "HH:MM" formatter per zone. Read directly rather than through luxon's `zone.offset()`:
 * the catch-up selection asks up to 1,440 minutes per zone, and the formatter answers the same
 * minute about seven times faster (200,000 calls: 0.6 s against 4.5 s).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Local minute of the day (0..1439) of an instant in a zone (a known zone: see
 * `isValidTimeZone`).
 * @example localMinute('Asia/Riyadh', Date.parse('2026-01-01T05:05:00Z')) // 485 (08:05)
 */
export function localMinute(timeZone: string, ms: number): number {
  const text = formatter(timeZone).format(ms); // "08:05"
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/**
 * Minute of the day → "HH:MM" (wrapping around the day).
 * @example hhmm(485) // '08:05'
 */
export function hhmm(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * "HH:MM" → minute of the day.
 * @example minuteOfDay('08:05') // 485
 */
export function minuteOfDay(hhmmText: string): number {
  return Number(hhmmText.slice(0, 2)) * 60 + Number(hhmmText.slice(3, 5));
}

/**
 * Floors an instant to its UTC minute.
 * @example floorMinute(90_500) // 60_000
 */
export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * Local delivery times (minutes of the day) due at UTC minute `ms` in `timeZone`: usually one,
 * several right after a spring-forward gap, none for the repeat of a fallen-back hour.
 * @example dueMinutes('Asia/Riyadh', Date.parse('2026-01-01T04:00:00Z')) // [420] (07:00)
 */
export function dueMinutes(timeZone: string, ms: number): number[] {
  const t = floorMinute(ms);
  const now = localMinute(timeZone, t);
  const before = localMinute(timeZone, t - MINUTE);
  const step = (now - before + 1440) % 1440;
  const twoHoursAgo = localMinute(timeZone, t - 120 * MINUTE);
  if (step === 1 && (now - twoHoursAgo + 1440) % 1440 === 120) return [now]; // no DST change near
  // Fall back: this wall time already happened in the last two hours.
  for (let k = 2; k <= 120; k++) if (localMinute(timeZone, t - k * MINUTE) === now) return [];
  if (step >= 1 && step <= 180) {
    const out: number[] = [];
    for (let m = before + 1; m <= before + step; m++) out.push(m % 1440);
    return out;
  }
  return [now];
}

/**
 * Local delivery times due in (from, to], at most the last 24 hours of it.
 * @example dueMinutesBetween('Asia/Riyadh', from, from + 60_000) // the one minute after `from`
 */
export function dueMinutesBetween(timeZone: string, fromMs: number, toMs: number): Set<number> {
  const out = new Set<number>();
  const end = floorMinute(toMs);
  let t = Math.max(floorMinute(fromMs) + MINUTE, end - 1439 * MINUTE);
  if (t > end) return out;
  let before = localMinute(timeZone, t - MINUTE);
  for (; t <= end; t += MINUTE) {
    const now = localMinute(timeZone, t);
    const step = (now - before + 1440) % 1440;
    if (step >= 1 && step <= 180)
      for (let m = before + 1; m <= before + step; m++) out.add(m % 1440);
    else out.add(now);
    before = now;
  }
  return out;
}
