/**
 * One delivery pass: pick the subscribers due now (or every active one), translate the digest
 * once per language, render it once per (language, topics), and fan out through the outbox and
 * the rate-limited sender. Every (digest, chat) has a delivery record; a send is claimed with a
 * lease and its progress (`partsSent`) is saved after each accepted part, so a crash or a restart
 * resumes where it stopped and never repeats more than the sends that were in flight.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pLimit from 'p-limit';
import type { Digest, RenderedMessage } from '../domain.js';
import type { DeliveryRecord, Subscriber } from '../store/types.js';
import type { ScheduleDeps } from './deps.js';
import type { PartsResult } from './ports.js';
import { META_LAST_TICK, currentDigest } from './build.js';
import { dueInstantOn, floorToMinute, isDueSameDaySince } from '../time/index.js';
import { filterByTopics } from '../digest/index.js';

/** What `khulasa deliver --json` prints. */
export interface DeliveryReport {
  /** Id of the digest delivered (null when there was none to deliver). */
  digest: string | null;
  sent: number;
  skipped: number;
  blocked: number;
  failed: number;
  durationMs: number;
}

export interface DeliveryPassOptions {
  now: Date;
  /** Every active subscriber instead of those due now. */
  all?: boolean;
  /** Stop taking new subscribers when aborted (shutdown, lost leadership). */
  signal?: AbortSignal;
  /**
   * Subscribers served at once (each waits on its own chat's pace).
   * @default 2 × the send rate, at least 16
   */
  concurrency?: number;
  /**
   * How long a claimed send stays ours without progress.
   * @default 120000
   */
  leaseMs?: number;
  /**
   * The digest to send: the scheduler's shared builds, which wait for its start-up reading of
   * the sources. @default the latest, built first when missing or stale ({@link currentDigest})
   */
  digest?: (now: Date) => Promise<Digest>;
}

const DAY_MS = 86_400_000;
/** A reader who got a digest built less than this before today's slot was already served. */
const SERVED_RECENTLY_MS = 20 * 3_600_000;
const DEFAULT_LEASE_MS = 120_000;

// Two processes on one host (systemd units, `--network host` containers) share a host name: the
// pid and a random part keep their lock and lease owners apart.
const PROCESS_TAG = `${process.pid}-${randomBytes(3).toString('hex')}`;

/**
 * This process's name in leases and locks when INSTANCE_ID is not set: host name, role, pid and a
 * random part, so no two processes ever share it.
 */
export function defaultInstanceId(role: string): string {
  return `${hostname()}:${role}:${PROCESS_TAG}`;
}

type Outcome = 'sent' | 'skipped' | 'blocked' | 'failed' | 'interrupted';

/** Runs a store call, at most a few at once (see {@link storeGate}). */
type Gate = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The embedded SQLite store runs its statements on libuv's four worker threads; hundreds of
 * concurrent writes from one pass can leave them all waiting on a lock another statement holds.
 * A couple at a time keeps it moving; networked stores take more.
 */
/** How long delivery keeps retrying a store write before it gives the send up as failed. */
export const STORE_RETRY_MAX_MS = 10 * 60_000;

/**
 * Store writes of a delivery retried with backoff while the store is unreachable (a Redis
 * restart, a PostgreSQL failover): a message that went out must be recorded as sent, or the
 * next pass sends it again. The pass pauses meanwhile instead of failing every reader.
 */
function durable(deps: ScheduleDeps, gate: Gate, signal?: AbortSignal): Gate {
  const maxMs = deps.storeRetryMaxMs ?? STORE_RETRY_MAX_MS;
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    for (let attempt = 1, delay = 50; ; attempt++, delay = Math.min(delay * 2, 2000)) {
      try {
        return await gate(fn);
      } catch (err) {
        if (signal?.aborted || Date.now() - started + delay > maxMs) throw err;
        if (attempt === 1 || attempt % 10 === 0) {
          deps.log.warn({ err, attempt }, 'store write failed; delivery waits for the store');
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
}

function storeGate(deps: ScheduleDeps): Gate {
  const limit = pLimit(deps.store.backend === 'sqlite' ? 2 : 64);
  return (fn) => limit(fn);
}

/** A delivery waits this long for a digest's translation (ScheduleDeps.translateDeadlineMs). */
export const TRANSLATE_DEADLINE_MS = 30_000;

/**
 * Renders a digest once per (language, format, zone, topics) and translates it once per language.
 */
function createPlanner(deps: ScheduleDeps, digest: Digest) {
  const translated = new Map<string, Promise<{ digest: Digest; notice?: string }>>();
  const rendered = new Map<string, Promise<RenderedMessage[]>>();
  const translate = (language: string) => {
    let p = translated.get(language);
    if (!p) {
      p = (async () => {
        if (language === digest.language) return { digest };
        const deadlineMs = deps.translateDeadlineMs ?? TRANSLATE_DEADLINE_MS;
        const work = deps.translate(digest, language, deps.translator);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), deadlineMs);
        });
        const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
        if (first === 'late') {
          // Readers are not held for a hung provider: Arabic with the notice now. The call
          // goes on, and whatever it translates is cached for the next readers.
          work.catch((err: unknown) =>
            deps.log.debug({ err, language }, 'late translation failed'),
          );
          deps.signals?.failed('translation', `no translation within ${deadlineMs} ms`);
          deps.log.warn(
            { digest: digest.id, language, deadlineMs },
            'translation too slow; sending the Arabic digest with the notice',
          );
          return { digest, notice: deps.notice?.(language, 'error') };
        }
        const { digest: out, outcome } = first;
        if (outcome.chars > 0) deps.metrics?.translationChars.inc({ language }, outcome.chars);
        const notice = outcome.fallback ? deps.notice?.(language, outcome.fallback) : undefined;
        if (outcome.fallback === 'error') {
          deps.signals?.failed('translation', `digest to ${language} fell back to Arabic`);
        } else if (!outcome.fallback && outcome.chars > 0) {
          deps.signals?.succeeded('translation');
        }
        if (outcome.fallback) {
          deps.log.warn(
            { digest: digest.id, language, fallback: outcome.fallback },
            'digest not translated',
          );
        }
        return { digest: out, notice };
      })();
      translated.set(language, p);
    }
    return p;
  };
  return (sub: Subscriber): Promise<RenderedMessage[]> => {
    const topics = [...new Set(sub.topics)].sort();
    const format = sub.format ?? 'brief';
    const channel = sub.chatType === 'channel';
    const key = [sub.language, format, sub.timeZone, channel, ...topics].join('\u0000');
    let p = rendered.get(key);
    if (!p) {
      p = (async () => {
        const { digest: d, notice } = await translate(sub.language);
        const base = {
          ui: sub.language,
          timeZone: sub.timeZone,
          format,
          ...(channel ? { channel } : {}),
          ...(notice ? { notice } : {}),
        };
        if (topics.length === 0) return deps.render(d, base);
        const filtered = (deps.filterTopics ?? filterByTopics)(d, topics, digest);
        if (filtered.stories.length === 0) {
          // A reader who follows topics absent today still hears from us: the top headlines.
          if (d.stories.length === 0) return [];
          return deps.render(d, { ...base, topics: { followed: topics, missed: true } });
        }
        return deps.render(filtered, { ...base, topics: { followed: topics } });
      })();
      rendered.set(key, p);
    }
    return p;
  };
}

async function setInactive(deps: ScheduleDeps, gate: Gate, chatId: number, now: Date) {
  await gate(() =>
    deps.store.subscribers.patch(chatId, { active: false, updatedAt: now.toISOString() }),
  );
}

async function markDelivered(
  deps: ScheduleDeps,
  gate: Gate,
  chatId: number,
  digestId: string,
  now: Date,
) {
  await gate(() =>
    deps.store.subscribers.patch(chatId, { lastDigestId: digestId, updatedAt: now.toISOString() }),
  );
}

/** What every send of one delivery pass shares. */
interface DeliveryRun {
  deps: ScheduleDeps;
  digest: Digest;
  /** Who holds the leases this pass takes. */
  owner: string;
  leaseMs: number;
  /** Every store call of the pass goes through it. */
  gate: Gate;
}

/** Claims, sends and records one subscriber's digest. */
async function deliverOne(
  run: DeliveryRun,
  sub: Subscriber,
  parts: RenderedMessage[],
): Promise<Outcome> {
  const { deps, digest, owner, leaseMs, gate } = run;
  let chatId = sub.chatId;
  let rec = await gate(() =>
    deps.store.deliveries.claim(digest.id, chatId, owner, leaseMs, deps.now()),
  );
  if (!rec || rec.status === 'sent') {
    // Sent, but the process died before it noted so on the subscriber: note it now.
    const done = rec ?? (await gate(() => deps.store.deliveries.get(digest.id, chatId)));
    if (done?.status === 'sent' && sub.lastDigestId !== digest.id) {
      await markDelivered(deps, gate, chatId, digest.id, deps.now());
    }
    return 'skipped';
  }
  // The claim itself counted this attempt.
  const attempts = rec.attempts;
  const save = async (patch: Partial<DeliveryRecord>) => {
    rec = { ...rec!, ...patch, attempts, updatedAt: deps.now().toISOString() };
    const next = rec;
    await gate(() => deps.store.deliveries.update(next));
  };
  if (parts.length === 0) {
    await save({ status: 'skipped', leaseOwner: undefined, leaseUntil: undefined });
    return 'skipped';
  }
  for (let hop = 0; hop < 3; hop++) {
    // A send may wait far longer than the lease without progress (a 429 with a long
    // retry_after, a slow Bot API): keep the lease ours while we wait, or another instance's
    // resume would claim it and the reader would get the digest twice.
    let renewing: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(
      () => {
        renewing = renewing
          .then(() => save({ leaseUntil: new Date(deps.now().getTime() + leaseMs).toISOString() }))
          .catch((err: unknown) => deps.log.warn({ err, chatId }, 'could not renew a send lease'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const from = Math.min(rec.partsSent, parts.length);
    const r: PartsResult = await deps.sender
      .sendParts(chatId, parts, {
        from,
        threadId: sub.threadId,
        onPartSent: async (n) => {
          deps.metrics?.messagesSent.inc();
          // The final status write covers the last part.
          if (n < parts.length) {
            await save({
              status: 'sending',
              partsSent: n,
              leaseUntil: new Date(deps.now().getTime() + leaseMs).toISOString(),
            });
          }
        },
      })
      .finally(() => clearInterval(heartbeat));
    // A renewal still being written must land before the final status, never after it.
    await renewing;
    const done = { leaseOwner: undefined, leaseUntil: undefined, partsSent: r.partsSent };
    switch (r.status) {
      case 'sent':
        deps.signals?.succeeded('telegram');
        await save({ ...done, status: 'sent', error: undefined });
        await markDelivered(deps, gate, chatId, digest.id, deps.now());
        return 'sent';
      case 'blocked':
        await save({ ...done, status: 'blocked', error: r.error });
        await setInactive(deps, gate, chatId, deps.now());
        deps.log.info({ chatId, reason: r.error }, 'chat unavailable; subscriber set inactive');
        return 'blocked';
      case 'failed':
        await save({ ...done, status: 'failed', error: r.error });
        deps.log.warn({ chatId, error: r.error }, 'delivery failed');
        return 'failed';
      case 'interrupted':
        // Hand the send back: the lease ends now, so a restart or another instance resumes it.
        await save({
          status: 'pending',
          partsSent: r.partsSent,
          leaseOwner: undefined,
          leaseUntil: deps.now().toISOString(),
        });
        return 'interrupted';
      case 'migrated': {
        const to = r.migrateTo!;
        await gate(() => deps.store.subscribers.patch(chatId, { chatId: to }));
        await save({ ...done, status: 'skipped', error: `migrated to ${to}` });
        deps.log.info({ from: chatId, to }, 'group migrated to a supergroup; subscriber moved');
        const next = await gate(() =>
          deps.store.deliveries.claim(digest.id, to, owner, leaseMs, deps.now()),
        );
        if (!next || next.status === 'sent') return 'skipped';
        chatId = to;
        // The group's history moved with it: continue after the parts already sent.
        rec = { ...next, partsSent: Math.max(next.partsSent, r.partsSent) };
        break;
      }
    }
  }
  await save({
    status: 'failed',
    error: 'migrated too many times',
    leaseOwner: undefined,
    leaseUntil: undefined,
  });
  return 'failed';
}

/**
 * Delivers a digest to the given subscribers (already selected) and counts the outcomes into
 * `report`. Returns how many sends were handed back unfinished.
 */
export async function deliverDigest(
  deps: ScheduleDeps,
  digest: Digest,
  subscribers: Subscriber[],
  report: DeliveryReport,
  opts: Omit<DeliveryPassOptions, 'now' | 'all'> = {},
): Promise<{ interrupted: number }> {
  const owner = deps.instanceId ?? defaultInstanceId('service');
  // A lease is held per owner, so two passes of one owner at once (the per-minute tick and a
  // resume, or a manual pass) could each claim the other's chat: they take turns instead.
  const previous = passesByOwner.get(owner) ?? Promise.resolve();
  const turn = previous.then(
    () => deliverInTurn(deps, digest, subscribers, report, opts, owner),
    () => deliverInTurn(deps, digest, subscribers, report, opts, owner),
  );
  const settled = turn.then(
    () => undefined,
    () => undefined,
  );
  passesByOwner.set(owner, settled);
  try {
    return await turn;
  } finally {
    if (passesByOwner.get(owner) === settled) passesByOwner.delete(owner);
  }
}

/** The pass of each owner in progress in this process (see {@link deliverDigest}). */
const passesByOwner = new Map<string, Promise<void>>();

async function deliverInTurn(
  deps: ScheduleDeps,
  digest: Digest,
  subscribers: Subscriber[],
  report: DeliveryReport,
  opts: Omit<DeliveryPassOptions, 'now' | 'all'>,
  owner: string,
): Promise<{ interrupted: number }> {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency =
    opts.concurrency ?? Math.max(16, Math.ceil(deps.config.SEND_RATE_PER_SECOND * 2));
  const plan = createPlanner(deps, digest);
  const run: DeliveryRun = {
    deps,
    digest,
    owner,
    leaseMs,
    gate: durable(deps, storeGate(deps), opts.signal),
  };
  const limit = pLimit(concurrency);
  let interrupted = 0;
  const deliver = async (sub: Subscriber) => {
    // Once aborted, sends already started finish; the rest are not begun.
    if (opts.signal?.aborted) return;
    let outcome: Outcome;
    try {
      const parts = await plan(sub);
      outcome = await deliverOne(run, sub, parts);
    } catch (err) {
      deps.log.error({ chatId: sub.chatId, err }, 'delivery error');
      outcome = 'failed';
    }
    if (outcome === 'interrupted') interrupted++;
    else {
      report[outcome]++;
      deps.metrics?.deliveries.inc({ status: outcome });
    }
  };
  await Promise.all(subscribers.map((sub) => limit(deliver, sub)));
  return { interrupted };
}

/** The subscribers a pass at `now` must serve: due this minute, plus catch-up after downtime. */
export async function selectDue(
  deps: Pick<ScheduleDeps, 'store'>,
  now: Date,
): Promise<{ subscribers: Subscriber[]; catchUpFrom?: Date }> {
  const minute = floorToMinute(now);
  const lastTickRaw = await deps.store.meta.get<string>(META_LAST_TICK);
  const lastTick = lastTickRaw ? Date.parse(lastTickRaw) : NaN;
  if (!Number.isFinite(lastTick) || lastTick >= minute.getTime() - 60_000) {
    return { subscribers: await deps.store.subscribers.dueAt(minute) };
  }
  // Down (or busy) since lastTick: everyone whose slot fell in between, if still the same day.
  const from = new Date(Math.max(lastTick, now.getTime() - DAY_MS));
  const candidates = await deps.store.subscribers.dueBetween(from, now);
  const seen = new Set<number>();
  const subscribers = [...candidates, ...(await deps.store.subscribers.dueAt(minute))].filter(
    (s) => {
      if (seen.has(s.chatId)) return false;
      seen.add(s.chatId);
      return isDueSameDaySince(s, from, now) || dueInstantOn(s, now).getTime() === minute.getTime();
    },
  );
  return { subscribers, catchUpFrom: from };
}

/**
 * One delivery pass: the due subscribers (or all active ones with `all`), building the digest
 * first when it is missing or stale.
 */
export async function runDeliveryPass(
  deps: ScheduleDeps,
  opts: DeliveryPassOptions,
): Promise<DeliveryReport> {
  const started = performance.now();
  const { now } = opts;
  let selected: Subscriber[] = [];
  if (opts.all) {
    for await (const s of deps.store.subscribers.all()) if (s.active) selected.push(s);
  } else {
    selected = (await selectDue(deps, now)).subscribers;
  }
  if (selected.length === 0) {
    // A quiet minute: no build, no outbox traffic.
    if (!opts.all) await deps.store.meta.set(META_LAST_TICK, floorToMinute(now).toISOString());
    const latest = await deps.store.digests.latest();
    return {
      digest: latest?.id ?? null,
      sent: 0,
      skipped: 0,
      blocked: 0,
      failed: 0,
      durationMs: Math.round(performance.now() - started),
    };
  }
  const digest = await (opts.digest ? opts.digest(now) : currentDigest(deps, now));
  const report: DeliveryReport = {
    digest: digest.id,
    sent: 0,
    skipped: 0,
    blocked: 0,
    failed: 0,
    durationMs: 0,
  };
  // Skip readers who already have this digest, or (scheduled passes) one built since their
  // previous slot: once a day, even when a newer digest was built after a crash.
  const builtAt = new Map<string, number | undefined>();
  const eligible: Subscriber[] = [];
  for (const s of selected) {
    if (!s.active || s.lastDigestId === digest.id) {
      report.skipped++;
      continue;
    }
    if (!opts.all && s.lastDigestId) {
      if (!builtAt.has(s.lastDigestId)) {
        const d = await deps.store.digests.get(s.lastDigestId);
        builtAt.set(s.lastDigestId, d ? Date.parse(d.builtAt) : undefined);
      }
      const last = builtAt.get(s.lastDigestId);
      if (last !== undefined && last > dueInstantOn(s, now).getTime() - SERVED_RECENTLY_MS) {
        report.skipped++;
        continue;
      }
    }
    eligible.push(s);
  }
  const { interrupted } = await deliverDigest(deps, digest, eligible, report, opts);
  if (!opts.all && !opts.signal?.aborted && interrupted === 0) {
    await deps.store.meta.set(META_LAST_TICK, floorToMinute(now).toISOString());
  }
  report.durationMs = Math.round(performance.now() - started);
  deps.metrics?.deliveryPassSeconds.observe(report.durationMs / 1000);
  if (eligible.length > 0 || interrupted > 0) {
    deps.log.info({ ...report, interrupted }, 'delivery pass finished');
  }
  return report;
}

/**
 * Resumes the current digest's unfinished sends found in the outbox: pending or sending records
 * (a crashed or stopped sender's, once their lease lapsed) and failed ones with attempts left.
 */
export async function resumeDeliveries(
  deps: ScheduleDeps,
  opts: Omit<DeliveryPassOptions, 'all'> & { maxAttempts?: number },
): Promise<DeliveryReport> {
  const started = performance.now();
  const digest = await deps.store.digests.latest();
  const report: DeliveryReport = {
    digest: digest?.id ?? null,
    sent: 0,
    skipped: 0,
    blocked: 0,
    failed: 0,
    durationMs: 0,
  };
  if (!digest) return report;
  const maxAttempts = opts.maxAttempts ?? 3;
  const subs: Subscriber[] = [];
  for await (const rec of deps.store.deliveries.listForDigest(digest.id)) {
    const unfinished =
      rec.status === 'pending' ||
      rec.status === 'sending' ||
      (rec.status === 'failed' && rec.attempts < maxAttempts);
    if (!unfinished) continue;
    const sub = await deps.store.subscribers.get(rec.chatId);
    if (sub?.active && sub.lastDigestId !== digest.id) subs.push(sub);
  }
  if (subs.length > 0) {
    await deliverDigest(deps, digest, subs, report, opts);
    deps.log.info({ ...report }, 'resumed unfinished deliveries');
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
