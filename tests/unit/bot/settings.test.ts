import { describe, expect, it } from 'vitest';
import { nextDelivery, parseTime, parseZone } from '../../../src/bot/subscription.js';
import { normalizeCode } from '../../../src/bot/features/lang.js';
import { createRateLimiter } from '../../../src/bot/rate-limit.js';
import { pickUiLanguage, t } from '../../../src/bot/i18n/index.js';
import { ar } from '../../../src/bot/i18n/ar.js';
import { en } from '../../../src/bot/i18n/en.js';
import { fr } from '../../../src/bot/i18n/fr.js';

describe('parseTime', () => {
  it.each([
    ['07:30', '07:30'],
    ['7:30', '07:30'],
    ['23:59', '23:59'],
    ['٠٧:٣٠', '07:30'],
    ['۲۱:۰۰', '21:00'],
    ['7.30', '07:30'],
  ])('accepts %s', (raw, expected) => expect(parseTime(raw)).toBe(expected));

  it.each(['24:00', '7:60', '730', 'seven', '', '07:30pm', '-1:00'])('rejects %s', (raw) =>
    expect(parseTime(raw)).toBeUndefined(),
  );
});

describe('parseZone', () => {
  it('canonicalizes valid zones and rejects others', () => {
    expect(parseZone('Asia/Riyadh')).toBe('Asia/Riyadh');
    expect(parseZone('asia/riyadh')).toBe('Asia/Riyadh');
    expect(parseZone('UTC')).toBe('UTC');
    expect(parseZone('Mars/Olympus')).toBeUndefined();
    expect(parseZone('')).toBeUndefined();
  });
});

describe('nextDelivery (DST-safe)', () => {
  it('moves a time that does not exist on spring-forward day to a valid instant', () => {
    // Europe/Paris jumps from 02:00 to 03:00 on 2026-03-29
    const next = nextDelivery('02:30', 'Europe/Paris', new Date('2026-03-28T12:00:00Z'));
    expect(next.isValid).toBe(true);
    expect(next.toUTC().toISO()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes an ambiguous fall-back time once', () => {
    // 2026-10-25 02:30 happens twice in Paris
    const next = nextDelivery('02:30', 'Europe/Paris', new Date('2026-10-24T12:00:00Z'));
    expect(next.toFormat('yyyy-LL-dd HH:mm')).toBe('2026-10-25 02:30');
  });

  it('is tomorrow when today’s time has passed', () => {
    const next = nextDelivery('07:00', 'Asia/Riyadh', new Date('2026-11-28T05:00:00Z'));
    expect(next.toUTC().toISO()).toBe('2026-11-29T04:00:00.000Z');
  });
});

describe('normalizeCode', () => {
  it.each([
    ['EN', 'en'],
    ['pt_br', 'pt-BR'],
    ['zh-hant', 'zh-Hant'],
    [' fr ', 'fr'],
  ])('%s → %s', (raw, expected) => expect(normalizeCode(raw)).toBe(expected));
});

describe('rate limiter', () => {
  it('allows N per window per reader and says how long to wait', () => {
    const limiter = createRateLimiter({ requests: 2, windowMs: 60_000 });
    expect(limiter.take(1, 0)).toBe(0);
    expect(limiter.take(1, 1000)).toBe(0);
    // one request comes back every 30 s; 2 s of it have passed
    expect(limiter.take(1, 2000)).toBe(28_000);
    expect(limiter.take(2, 2000)).toBe(0);
    expect(limiter.take(1, 60_001)).toBe(0);
  });

  it('rejects a bad option with a clear message', () => {
    expect(() => createRateLimiter({ requests: 0, windowMs: 1 })).toThrow(
      'Expected requests to be a whole number from 1 and up, got 0',
    );
  });
});

describe('UI strings', () => {
  it.each([
    ['ar', ar],
    ['fr', fr],
  ])('has every English key in %s, with the same placeholders and balanced tags', (_l, catalog) => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const tags = (s: string) => [...s.matchAll(/<\/?\w+>/g)].map((m) => m[0]);
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(catalog[key]), key).toEqual(names(en[key]));
      expect(tags(catalog[key]), key).toEqual(tags(en[key]));
    }
  });

  it('escapes parameter values and falls back to English', () => {
    expect(t('en', 'topic.title', { query: '<b>' })).toBe('About “&lt;b&gt;”');
    expect(t('de', 'yes')).toBe('yes');
    expect(t('fr', 'yes')).toBe('oui');
    expect(t('ar', 'yes')).toBe('نعم');
    expect(pickUiLanguage('ar-EG')).toBe('ar');
    expect(pickUiLanguage('fr')).toBe('fr');
    expect(pickUiLanguage('de')).toBe('en');
    expect(pickUiLanguage(undefined)).toBe('en');
  });
});
