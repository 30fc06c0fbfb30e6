/**
 * Subscribers, with the index the per-minute delivery tick needs at 100,000 readers.
 *
 * Layout (hashes, field = chat id):
 *   subs                    chat id → subscriber JSON (the record)
 *   subs:active             chat ids of active subscribers (for count)
 *   subs:tz                 time zones in use (field = zone)
 *   subs:at:<zone>|<HH:MM>  active subscribers due at that local time: chat id → a copy of
 *                           the record, so a tick reads whole contiguous buckets and never
 *                           looks records up one by one
 *
 * A tick computes, for each zone in use, the local HH:MM of the minute and reads those buckets
 * in one query. A record and its index entries change in one atomic batch (a transaction), so
 * the copies never disagree with the records, even after a crash. Every write of one chat holds
 * a short mutex, which makes upsert an atomic read-modify-write across processes.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import { chunks, type Driver } from './driver.js';
import {
  dueMinutes,
  dueMinutesBetween,
  hhmm,
  isValidTimeZone,
  minuteOfDay,
} from '../time/index.js';
import { SubscriberSchema, type Subscriber, type SubscriberRepo } from './types.js';

const RECORDS = 'subs';
const ACTIVE = 'subs:active';
const ZONES = 'subs:tz';
const bucket = (timeZone: string, time: string) => `subs:at:${timeZone}|${time}`;
const bucketOf = (s: Subscriber) => bucket(s.timeZone, s.deliveryTime);
/** The raw key createMutex uses for `sub:<chatId>`. */
const mutexKey = (chatId: number) => `mutex:sub:${chatId}`;

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

  /** The index and record writes that take `current` to `next` (one chat). */
  function changes(
    current: Subscriber | undefined,
    next: Subscriber,
    sets: [string, string, string][],
    dels: [string, string][],
  ): void {
    const id = String(next.chatId);
    const json = JSON.stringify(next);
    sets.push([RECORDS, id, json]);
    if (next.active) {
      sets.push([ZONES, next.timeZone, ''], [bucketOf(next), id, json], [ACTIVE, id, '']);
    } else {
      dels.push([ACTIVE, id]);
    }
    if (current?.active && (!next.active || bucketOf(current) !== bucketOf(next))) {
      dels.push([bucketOf(current), id]);
    }
  }

  /** Applies record and index changes atomically; the caller holds the chats' mutexes. */
  async function apply(sets: [string, string, string][], dels: [string, string][]): Promise<void> {
    if (sets.length > 0 || dels.length > 0) await d.hbatch(sets, dels);
  }

  async function write(current: Subscriber | undefined, next: Subscriber): Promise<void> {
    const sets: [string, string, string][] = [];
    const dels: [string, string][] = [];
    changes(current, next, sets, dels);
    await apply(sets, dels);
  }

  async function remove(current: Subscriber | undefined, chatId: number): Promise<void> {
    const id = String(chatId);
    const dels: [string, string][] = [
      [RECORDS, id],
      [ACTIVE, id],
    ];
    if (current) dels.push([bucketOf(current), id]);
    await d.hbatch([], dels);
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
    const subs: Subscriber[] = [];
    const seen = new Set<string>();
    for (const [, id, raw] of await d.hentries(keys)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const s = parse(id, raw);
      if (s) subs.push(s);
    }
    return subs.filter(
      (s) => s.active && byZone.get(s.timeZone)?.has(minuteOfDay(s.deliveryTime)) === true,
    );
  }

  /** Time zones seen by the last tick of this process (a hint; always checked against the store). */
  let knownZones: string[] = [];

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

    patch(chatId, patch) {
      // Only a fixed patch may move a subscriber: the locks are taken before the function runs.
      const to = (typeof patch === 'function' ? undefined : patch.chatId) ?? chatId;
      const apply = async (): Promise<Subscriber | undefined> => {
        const current = await read(chatId);
        if (!current) return undefined;
        const changes = typeof patch === 'function' ? patch(current) : patch;
        if (!changes) return undefined;
        const next = validate(to, { ...current, ...changes, chatId: to });
        if (to === chatId) {
          await write(current, next);
        } else {
          await write(await read(to), next);
          await remove(current, chatId);
        }
        return next;
      };
      // A move needs both chats' locks, taken in id order so two opposite moves cannot deadlock.
      if (to === chatId) return withMutex(`sub:${chatId}`, apply);
      const [first, second] = [chatId, to].sort((a, b) => a - b) as [number, number];
      return withMutex(`sub:${first}`, () => withMutex(`sub:${second}`, apply));
    },

    delete(chatId) {
      return withMutex(`sub:${chatId}`, async () => {
        const raw = (await d.hget(RECORDS, [String(chatId)]))[0];
        if (raw === undefined) return false;
        await remove(parse(String(chatId), raw), chatId);
        return true;
      });
    },

    async upsertMany(updates) {
      let added = 0;
      const byChat = new Map<number, ((current: Subscriber | undefined) => Subscriber)[]>();
      for (const { chatId, update } of updates) {
        const list = byChat.get(chatId) ?? [];
        list.push(update);
        byChat.set(chatId, list);
      }
      const fold = (chatId: number, current: Subscriber | undefined) => {
        let value = current;
        for (const update of byChat.get(chatId)!) value = validate(chatId, update(value));
        return value!;
      };
      for (const part of chunks([...byChat.keys()], 500)) {
        // Hold every chat's mutex at once; chats busy elsewhere go through upsert one by one.
        const token = JSON.stringify({ owner: randomUUID(), until: 0 });
        const taken = new Set(await d.lockMany(part.map(mutexKey), token, 30_000));
        try {
          const mine = part.filter((id) => taken.has(mutexKey(id)));
          const raws = mine.length > 0 ? await d.hget(RECORDS, mine.map(String)) : [];
          const sets: [string, string, string][] = [];
          const dels: [string, string][] = [];
          mine.forEach((chatId, i) => {
            const current = parse(String(chatId), raws[i]);
            if (!current) added++;
            changes(current, fold(chatId, current), sets, dels);
          });
          await apply(sets, dels);
        } finally {
          await d.unlockMany([...taken], token);
        }
        for (const chatId of part) {
          if (taken.has(mutexKey(chatId))) continue;
          await this.upsert(chatId, (current) => {
            if (!current) added++;
            return fold(chatId, current);
          });
        }
      }
      return { added };
    },

    async dueAt(minute) {
      const plan = (list: Iterable<string>) => {
        const byZone = new Map<string, Set<number>>();
        for (const zone of list) {
          const minutes = dueMinutes(zone, minute.getTime());
          if (minutes.length > 0) byZone.set(zone, new Set(minutes));
        }
        return byZone;
      };
      // Read the zones in use and the buckets of the zones seen last tick together (one round
      // trip); zones that appeared since are read in a second one.
      const guess = plan(knownZones);
      const [fresh, found] = await Promise.all([zones(), due(guess)]);
      knownZones = fresh;
      const added = fresh.filter((z) => !guess.has(z));
      if (added.length === 0) return found;
      const more = await due(plan(added));
      const ids = new Set(found.map((x) => x.chatId));
      return [...found, ...more.filter((x) => !ids.has(x.chatId))];
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
  };
}

/** Formats a local minute of the day as HH:MM (re-exported for the CLI and tests). */
export { hhmm };
