import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CITIES } from '../../../src/bot/cities.js';
import {
  cityZone,
  offsetZone,
  parseClock,
  parseTimeRequest,
  resolveZone,
  zoneLabel,
} from '../../../src/bot/time-zone.js';

describe('the bundled city list', () => {
  it('has at least 200 cities, each with a valid IANA zone', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(200);
    const invalid = CITIES.filter(([, , zone]) => !IANAZone.isValidZone(zone));
    expect(invalid).toEqual([]);
  });

  it('starts with the Arab world', () => {
    expect(CITIES.slice(0, 5).map(([, , zone]) => zone)).toEqual(
      Array.from({ length: 5 }, () => 'Asia/Riyadh'),
    );
  });

  it('finds every city by its English and its Arabic name', () => {
    const lost = CITIES.filter(
      ([english, arabic, zone]) => cityZone(english) !== zone || cityZone(arabic) !== zone,
    );
    expect(lost).toEqual([]);
  });
});

describe('resolveZone', () => {
  it.each([
    ['Riyadh', 'Asia/Riyadh'],
    ['riyadh', 'Asia/Riyadh'],
    ['الرياض', 'Asia/Riyadh'],
    ['رياض', 'Asia/Riyadh'],
    ['Cairo', 'Africa/Cairo'],
    ['القاهره', 'Africa/Cairo'],
    ['Casablanca', 'Africa/Casablanca'],
    ['الدار البيضاء', 'Africa/Casablanca'],
    ['Dubai', 'Asia/Dubai'],
    ['أبو ظبي', 'Asia/Dubai'],
    ['ابوظبي', 'Asia/Dubai'],
    ['Abu-Dhabi', 'Asia/Dubai'],
    ['Sanaa', 'Asia/Aden'],
    ["Sana'a", 'Asia/Aden'],
    ['طرابلس', 'Africa/Tripoli'],
    ['طرابلس لبنان', 'Asia/Beirut'],
    ['عمان', 'Asia/Amman'],
    ['سلطنة عمان', 'Asia/Muscat'],
    ['Fès', 'Africa/Casablanca'],
    ['Fes', 'Africa/Casablanca'],
    ['New York', 'America/New_York'],
    ['Asia/Riyadh', 'Asia/Riyadh'],
    ['asia/riyadh', 'Asia/Riyadh'],
    ['Europe/Paris', 'Europe/Paris'],
    ['UTC+3', 'Etc/GMT-3'],
    ['GMT+3', 'Etc/GMT-3'],
    ['+3', 'Etc/GMT-3'],
    ['utc +3', 'Etc/GMT-3'],
    ['+03:00', 'Etc/GMT-3'],
    ['+0300', 'Etc/GMT-3'],
    ['UTC-5', 'Etc/GMT+5'],
    ['GMT−5', 'Etc/GMT+5'],
    ['UTC+14', 'Etc/GMT-14'],
    ['UTC-12', 'Etc/GMT+12'],
    ['UTC+5:30', 'Asia/Kolkata'],
    ['UTC+3:30', 'Asia/Tehran'],
    ['UTC', 'Etc/UTC'],
    ['GMT', 'Etc/UTC'],
    ['UTC+0', 'Etc/UTC'],
    ['غرينتش+3', 'Etc/GMT-3'],
    ['+٣', 'Etc/GMT-3'],
  ])('%s → %s', (raw, zone) => {
    expect(resolveZone(raw)).toBe(zone);
  });

  it.each(['Mars/Base', 'Atlantis', 'UTC+15', 'UTC-13', 'UTC+3:17', '', 'x'.repeat(80), 'Etc'])(
    'rejects %j',
    (raw) => {
      expect(resolveZone(raw)).toBeUndefined();
    },
  );

  it('means by "UTC+3" three hours ahead of UTC, as a person does', () => {
    const zone = offsetZone('UTC+3')!;
    const at = new Date('2026-06-01T12:00:00Z');
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    expect(local).toBe('15:00');
  });
});

describe('zoneLabel', () => {
  it.each([
    ['Etc/GMT-3', 'UTC+3'],
    ['Etc/GMT+5', 'UTC-5'],
    ['Etc/UTC', 'UTC'],
    ['UTC', 'UTC'],
    ['Asia/Riyadh', 'Asia/Riyadh'],
  ])('%s is shown as %s', (zone, label) => {
    expect(zoneLabel(zone)).toBe(label);
  });

  it('shows what was typed back the same way', () => {
    for (const raw of ['UTC+3', 'UTC-5', 'UTC+11']) expect(zoneLabel(resolveZone(raw)!)).toBe(raw);
  });
});

describe('parseClock', () => {
  it.each([
    ['7:30', '07:30'],
    ['07:30', '07:30'],
    ['٠٧:٣٠', '07:30'],
    ['7.30', '07:30'],
    ['23:59', '23:59'],
    ['7pm', '19:00'],
    ['7:30 am', '07:30'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['٧:٣٠ م', '19:30'],
  ])('%s → %s', (raw, time) => {
    expect(parseClock(raw)).toBe(time);
  });

  it.each(['25:00', '7', '07:60', '13pm', 'noon', ''])('rejects %j', (raw) => {
    expect(parseClock(raw)).toBeUndefined();
  });
});

describe('parseTimeRequest', () => {
  it.each([
    ['', { kind: 'show' }],
    ['07:30', { kind: 'set', time: '07:30' }],
    ['07:30 Riyadh', { kind: 'set', time: '07:30', zone: 'Asia/Riyadh' }],
    ['07:30 الرياض', { kind: 'set', time: '07:30', zone: 'Asia/Riyadh' }],
    ['07:30 UTC+3', { kind: 'set', time: '07:30', zone: 'Etc/GMT-3' }],
    ['07:30 GMT +3', { kind: 'set', time: '07:30', zone: 'Etc/GMT-3' }],
    ['Riyadh 07:30', { kind: 'set', time: '07:30', zone: 'Asia/Riyadh' }],
    ['07:30 الدار البيضاء', { kind: 'set', time: '07:30', zone: 'Africa/Casablanca' }],
    ['7:30 pm Cairo', { kind: 'set', time: '19:30', zone: 'Africa/Cairo' }],
    ['Asia/Riyadh', { kind: 'set', zone: 'Asia/Riyadh' }],
    ['Riyadh', { kind: 'set', zone: 'Asia/Riyadh' }],
    ['UTC+3', { kind: 'set', zone: 'Etc/GMT-3' }],
    ['+3', { kind: 'set', zone: 'Etc/GMT-3' }],
    ['25:00', { kind: 'bad-time', raw: '25:00' }],
    ['07:30 Mars/Base', { kind: 'bad-zone', raw: 'Mars/Base' }],
    ['Atlantis', { kind: 'bad-zone', raw: 'Atlantis' }],
  ])('%j', (payload, expected) => {
    expect(parseTimeRequest(payload)).toEqual(expected);
  });
});
