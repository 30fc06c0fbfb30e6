/**
 * Redis: keyv (@keyv/redis) for plain values, native commands on the same client for the rest —
 * hashes for indexes, INCRBY for counters, a Lua script for compare-and-set — so every operation
 * is atomic across instances. All keys start with the prefix (`?prefix=`, default "khulasa:").
 */
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { createClient } from '@redis/client';
import type { Logger } from '../../log.js';
import { chunks, dedupeEntries, dedupeTriples, type Driver } from '../driver.js';

const CAS = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if cur ~= ARGV[2] then return 0 end
elseif cur then
  return 0
end
if ARGV[3] == '1' then
  if tonumber(ARGV[5]) > 0 then
    redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
  else
    redis.call('SET', KEYS[1], ARGV[4])
  end
else
  redis.call('DEL', KEYS[1])
end
return 1`;

const INCR = `
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return v`;

const HBATCH = `
local n = tonumber(ARGV[1])
for i = 2, 1 + n * 3, 3 do redis.call('HSET', ARGV[i], ARGV[i + 1], ARGV[i + 2]) end
for i = 2 + n * 3, #ARGV, 2 do redis.call('HDEL', ARGV[i], ARGV[i + 1]) end
return 1`;

const LOCK_MANY = `
local got = {}
for _, k in ipairs(KEYS) do
  if redis.call('SET', k, ARGV[1], 'NX', 'PX', ARGV[2]) then got[#got + 1] = k end
end
return got`;

const UNLOCK_MANY = `
for _, k in ipairs(KEYS) do
  if redis.call('GET', k) == ARGV[1] then redis.call('DEL', k) end
end
return 1`;

export function redisOptions(url: string): { url: string; prefix: string } {
  const u = new URL(url);
  const prefix = u.searchParams.get('prefix') ?? 'khulasa:';
  u.searchParams.delete('prefix');
  return { url: u.toString(), prefix };
}

export async function createRedisDriver(url: string, log: Logger): Promise<Driver> {
  const { url: clientUrl, prefix } = redisOptions(url);
  // Fail fast at start (a wrong URL should say so at once); once connected, keep reconnecting
  // with backoff so a Redis restart does not take the service down.
  let connected = false;
  const client = createClient({
    url: clientUrl,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (n, cause) => (connected ? Math.min(n * 100, 2000) : cause),
    },
  });
  client.on('error', (err: Error) => {
    if (connected) log.error({ err: err.message }, 'store: redis error');
  });
  try {
    await client.connect();
  } catch (err) {
    const where = new URL(clientUrl).host;
    throw new Error(`cannot reach Redis at ${where}: ${(err as Error).message}`);
  }
  connected = true;

  const adapter = new KeyvRedis(client as never, {
    namespace: `${prefix}kv`,
    throwOnConnectError: true,
  });
  const kv = new Keyv({ store: adapter, namespace: `${prefix}kv`, useKeyPrefix: false });
  kv.on('error', (err: Error) => log.error({ err: err.message }, 'store: redis error'));

  const k = (key: string) => `${prefix}${key}`;
  const send = <T>(args: string[]) => client.sendCommand(args) as Promise<T>;
  const script = async (body: string, keys: string[], args: string[]) => {
    const sha = await shaOf(body);
    try {
      return await send<unknown>(['EVALSHA', sha, String(keys.length), ...keys, ...args]);
    } catch (err) {
      if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
      shas.delete(body); // the server lost its script cache (restart, SCRIPT FLUSH)
      return send<unknown>(['EVAL', body, String(keys.length), ...keys, ...args]);
    }
  };
  const shas = new Map<string, string>();
  const shaOf = async (body: string) => {
    let sha = shas.get(body);
    if (!sha) {
      sha = await send<string>(['SCRIPT', 'LOAD', body]);
      shas.set(body, sha);
    }
    return sha;
  };

  return {
    backend: 'redis',
    kv,
    async get(key) {
      return (await send<string | null>(['GET', k(key)])) ?? undefined;
    },
    async getMany(keys) {
      const out: (string | undefined)[] = [];
      for (const part of chunks(keys, 500)) {
        const values = await send<(string | null)[]>(['MGET', ...part.map(k)]);
        for (const v of values) out.push(v ?? undefined);
      }
      return out;
    },
    async set(key, value, ttlMs) {
      await send(
        ttlMs && ttlMs > 0
          ? ['SET', k(key), value, 'PX', String(Math.ceil(ttlMs))]
          : ['SET', k(key), value],
      );
    },
    async cas(key, expected, next, ttlMs) {
      const r = await script(
        CAS,
        [k(key)],
        [
          expected === undefined ? '0' : '1',
          expected ?? '',
          next === undefined ? '0' : '1',
          next ?? '',
          String(ttlMs && ttlMs > 0 ? Math.ceil(ttlMs) : 0),
        ],
      );
      return Number(r) === 1;
    },
    async incr(key, by, ttlMs) {
      const r = await script(
        INCR,
        [k(key)],
        [String(by), String(ttlMs && ttlMs > 0 ? Math.ceil(ttlMs) : 0)],
      );
      return Number(r);
    },
    async hset(key, entries) {
      for (const part of chunks(dedupeEntries(entries), 500)) {
        if (part.length > 0) await send(['HSET', k(key), ...part.flat()]);
      }
    },
    async hdel(key, fields) {
      for (const part of chunks(fields, 500)) {
        if (part.length > 0) await send(['HDEL', k(key), ...part]);
      }
    },
    async hget(key, fields) {
      const out: (string | undefined)[] = [];
      for (const part of chunks(fields, 500)) {
        if (part.length === 0) continue;
        const values = await send<(string | null)[]>(['HMGET', k(key), ...part]);
        for (const v of values) out.push(v ?? undefined);
      }
      return out;
    },
    async lockMany(keys, value, ttlMs) {
      const got: string[] = [];
      for (const part of chunks([...new Set(keys)], 500)) {
        if (part.length === 0) continue;
        const taken = (await script(LOCK_MANY, part.map(k), [
          value,
          String(Math.ceil(ttlMs)),
        ])) as string[];
        got.push(...taken.map((key) => key.slice(prefix.length)));
      }
      return got;
    },
    async unlockMany(keys, value) {
      for (const part of chunks(keys, 500)) {
        if (part.length > 0) await script(UNLOCK_MANY, part.map(k), [value]);
      }
    },
    async hentries(keys) {
      // Issued together, the HGETALLs go out as one pipeline (faster than one Lua script that
      // builds the whole reply). Each bucket is read atomically; copies are kept in step with
      // the records by hbatch, so no cross-bucket snapshot is needed.
      const replies = await Promise.all(keys.map((key) => send<string[]>(['HGETALL', k(key)])));
      const out: [string, string, string][] = [];
      replies.forEach((flat, i) => {
        for (let j = 0; j + 1 < flat.length; j += 2) out.push([keys[i]!, flat[j]!, flat[j + 1]!]);
      });
      return out;
    },
    async hbatch(sets, dels) {
      const s = dedupeTriples(sets);
      if (s.length === 0 && dels.length === 0) return;
      await script(
        HBATCH,
        [],
        [
          String(s.length),
          ...s.flatMap(([h, f, v]) => [k(h), f, v]),
          ...dels.flatMap(([h, f]) => [k(h), f]),
        ],
      );
    },
    async *hscan(key, pageSize = 1000) {
      let cursor = '0';
      do {
        const [next, flat] = await send<[string, string[]]>([
          'HSCAN',
          k(key),
          cursor,
          'COUNT',
          String(pageSize),
        ]);
        cursor = next;
        const page: [string, string][] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) page.push([flat[i]!, flat[i + 1]!]);
        if (page.length > 0) yield page;
      } while (cursor !== '0');
    },
    async hlen(key) {
      return Number(await send<number>(['HLEN', k(key)]));
    },
    async hclear(key) {
      await send(['UNLINK', k(key)]);
    },
    async sweep() {
      // Redis expires keys itself.
    },
    async close() {
      await client.close();
    },
  };
}

/** Deletes every key under a prefix (benchmarks and tests clean up after themselves). */
export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = (await client.sendCommand([
        'SCAN',
        cursor,
        'MATCH',
        `${prefix}*`,
        'COUNT',
        '1000',
      ])) as [string, string[]];
      cursor = next;
      if (keys.length > 0) await client.sendCommand(['UNLINK', ...keys]);
    } while (cursor !== '0');
  } finally {
    client.destroy();
  }
}
