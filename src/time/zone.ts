/**
 * IANA time zones: which names the runtime knows, their canonical spelling, and the offset of a
 * zone at an instant. Every place that checks a zone asks this module.
 */
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';

const validity = new Map<string, boolean>();

/**
 * True when the runtime knows the IANA zone (any letter case).
 * @example isValidTimeZone('Asia/Riyadh') // true
 * @example isValidTimeZone('Mars/Olympus') // false
 */
export function isValidTimeZone(timeZone: string): boolean {
  // Every subscriber write asks; building a formatter each time costs more than the write.
  let valid = validity.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    if (validity.size > 10_000) validity.clear();
    validity.set(timeZone, valid);
  }
  return valid;
}

/**
 * Canonical IANA name ("asia/riyadh" → "Asia/Riyadh"), or undefined when the runtime does not
 * know the zone.
 * @example canonicalZone('asia/riyadh') // 'Asia/Riyadh'
 */
export function canonicalZone(raw: string): string | undefined {
  const zone = raw.trim();
  if (!zone || !IANAZone.isValidZone(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const zones = new Map<string, Zone>();

/**
 * The luxon zone for a name; an unknown name is UTC, so a bad row never stops a tick.
 * @example zoneOf('Europe/Paris').name // 'Europe/Paris'
 */
export function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    const iana = IANAZone.create(name);
    z = iana.isValid ? iana : FixedOffsetZone.utcInstance;
    zones.set(name, z);
  }
  return z;
}
