/**
 * Which local delivery times ("HH:MM" in an IANA zone) fall on a given UTC minute. The subscriber
 * index is bucketed by (zone, HH:MM); a tick reads only the buckets this module names.
 *
 * DST: when the clock springs forward (02:00 → 03:00), the skipped times 02:00–02:59 are due at
 * 03:00, so nobody is silently dropped; when it falls back, a repeated time is due only at its
 * first occurrence.
 */

const MINUTE = 60_000;
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

/** True when the runtime knows the IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local minute of the day (0..1439) of an instant in a zone. */
export function localMinute(timeZone: string, ms: number): number {
  const text = formatter(timeZone).format(ms); // "08:05"
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

export function hhmm(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function minuteOfDay(hhmmText: string): number {
  return Number(hhmmText.slice(0, 2)) * 60 + Number(hhmmText.slice(3, 5));
}

/** Floors an instant to its UTC minute. */
export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * Local delivery times (minutes of the day) due at UTC minute `ms` in `timeZone`: usually one,
 * several right after a spring-forward gap, none for the repeat of a fallen-back hour.
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

/** Local delivery times due in (from, to], at most the last 24 hours of it. */
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
