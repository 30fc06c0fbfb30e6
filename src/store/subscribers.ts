/**
 * Subscribers, with the index the per-minute delivery tick needs at 100,000 readers.
 *
 * Layout (hashes, field = chat id):
 *   subs                    chat id → subscriber JSON (the record)
 *   subs:active             chat ids of active subscribers (for count)
 *   subs:tz                 time zones in use (field = zone)
 *   subs:at:<zone>|<HH:MM>  chat ids of active subscribers due at that local time
 *
 * A tick computes, for each zone in use, the local HH:MM of the minute, reads those buckets and
 * then the records. Records are re-checked against the minute, so an index entry left behind by a
 * crash between two writes is harmless. Every write of one chat holds a short mutex, which makes
 * upsert an atomic read-modify-write across processes.
 */
import type { Logger } from '../log.js';
import { chunks, type Driver } from './driver.js';
import { dueMinutes, dueMinutesBetween, hhmm, isValidTimeZone, minuteOfDay } from './due.js';
import { SubscriberSchema, type Subscriber, type SubscriberRepo } from './types.js';

const RECORDS = 'subs';
const ACTIVE = 'subs:active';
const ZONES = 'subs:tz';
const bucket = (timeZone: string, time: string) => `subs:at:${timeZone}|${time}`;
const bucketOf = (s: Subscriber) => bucket(s.timeZone, s.deliveryTime);

type WithMutex = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export function createSubscriberRepo(d: Driver, log: Logger, withMutex: WithMutex): SubscriberRepo {
  const parse = (chatId: string, raw: string | undefined): Subscriber | undefined => {
    if (raw === undefined) return undefined;
    try {
      const r = SubscriberSchema.safeParse(JSON.parse(raw));
      if (r.success) return r.data;
      log.warn({ chatId, issue: r.error.issues[0]?.message }, 'store: skipping invalid subscriber');
    } catch {
      log.warn({ chatId }, 'store: skipping unreadable subscriber');
    }
    return undefined;
  };

  const read = async (chatId: number) =>
    parse(String(chatId), (await d.hget(RECORDS, [String(chatId)]))[0]);

  async function readMany(ids: string[]): Promise<Subscriber[]> {
    const out: Subscriber[] = [];
    for (const part of chunks([...new Set(ids)], 500)) {
      const raws = await d.hget(RECORDS, part);
      raws.forEach((raw, i) => {
        const s = parse(part[i]!, raw);
        if (s) out.push(s);
      });
    }
    return out;
  }

  /** Writes `next` and moves its index entries; the caller holds the chat's mutex. */
  async function write(current: Subscriber | undefined, next: Subscriber): Promise<void> {
    const id = String(next.chatId);
    // Add new index entries before the record and remove old ones after it: a crash in between
    // leaves an extra entry (filtered on read), never a missing one.
    if (next.active) {
      await d.hset(ZONES, [[next.timeZone, '']]);
      await d.hset(bucketOf(next), [[id, '']]);
    }
    await d.hset(RECORDS, [[id, JSON.stringify(next)]]);
    if (next.active) await d.hset(ACTIVE, [[id, '']]);
    else await d.hdel(ACTIVE, [id]);
    if (current?.active && (!next.active || bucketOf(current) !== bucketOf(next))) {
      await d.hdel(bucketOf(current), [id]);
    }
  }

  async function remove(current: Subscriber | undefined, chatId: number): Promise<void> {
    const id = String(chatId);
    await d.hdel(RECORDS, [id]);
    await d.hdel(ACTIVE, [id]);
    if (current) await d.hdel(bucketOf(current), [id]);
  }

  function validate(chatId: number, s: Subscriber): Subscriber {
    const next = SubscriberSchema.parse({ ...s, chatId });
    if (!isValidTimeZone(next.timeZone)) {
      throw new RangeError(`unknown time zone '${next.timeZone}' (expected an IANA name)`);
    }
    return next;
  }

  async function due(byZone: Map<string, Set<number>>): Promise<Subscriber[]> {
    const keys: string[] = [];
    for (const [zone, minutes] of byZone) for (const m of minutes) keys.push(bucket(zone, hhmm(m)));
    if (keys.length === 0) return [];
    const ids: string[] = [];
    for (const part of chunks(keys, 500)) ids.push(...(await d.hfields(part)));
    const subs = await readMany(ids);
    return subs.filter(
      (s) => s.active && byZone.get(s.timeZone)?.has(minuteOfDay(s.deliveryTime)) === true,
    );
  }

  async function zones(): Promise<string[]> {
    const all: string[] = [];
    for await (const page of d.hscan(ZONES)) for (const [zone] of page) all.push(zone);
    return all.filter((z) => {
      if (isValidTimeZone(z)) return true;
      log.warn({ timeZone: z }, 'store: skipping unknown time zone in the index');
      return false;
    });
  }

  return {
    get: read,

    upsert(chatId, update) {
      return withMutex(`sub:${chatId}`, async () => {
        const current = await read(chatId);
        const next = validate(chatId, update(current));
        await write(current, next);
        return next;
      });
    },

    delete(chatId) {
      return withMutex(`sub:${chatId}`, async () => {
        const raw = (await d.hget(RECORDS, [String(chatId)]))[0];
        if (raw === undefined) return false;
        await remove(parse(String(chatId), raw), chatId);
        return true;
      });
    },

    async dueAt(minute) {
      const byZone = new Map<string, Set<number>>();
      for (const zone of await zones()) {
        const minutes = dueMinutes(zone, minute.getTime());
        if (minutes.length > 0) byZone.set(zone, new Set(minutes));
      }
      return due(byZone);
    },

    async dueBetween(from, to) {
      const byZone = new Map<string, Set<number>>();
      for (const zone of await zones()) {
        const minutes = dueMinutesBetween(zone, from.getTime(), to.getTime());
        if (minutes.size > 0) byZone.set(zone, minutes);
      }
      return due(byZone);
    },

    async *all() {
      for await (const page of d.hscan(RECORDS, 1000)) {
        for (const [id, raw] of page) {
          const s = parse(id, raw);
          if (s) yield s;
        }
      }
    },

    async count() {
      const [total, active] = await Promise.all([d.hlen(RECORDS), d.hlen(ACTIVE)]);
      return { total, active };
    },

    async migrate(fromChatId, toChatId) {
      if (fromChatId === toChatId) return;
      const [first, second] = [fromChatId, toChatId].sort((a, b) => a - b) as [number, number];
      await withMutex(`sub:${first}`, () =>
        withMutex(`sub:${second}`, async () => {
          const from = await read(fromChatId);
          if (!from) return;
          const target = await read(toChatId);
          await write(target, validate(toChatId, { ...from, chatId: toChatId }));
          await remove(from, fromChatId);
        }),
      );
    },
  };
}

/** Formats a local minute of the day as HH:MM (re-exported for the CLI and tests). */
export { hhmm };
