/**
 * What /healthz says beyond "the process answers": `status` is "degraded" with one reason per
 * problem an operator should look at (every source failed, the digest is stale, translation or
 * the Bot API failing). Only an unreachable store makes the endpoint answer 503: a feed outage
 * must never make a liveness probe restart the process.
 */

import { scrubSecrets } from '../log.js';
import { redactUrlPasswords } from './redact.js';

/** Remote services whose latest outcome the service remembers. */
export type RemoteName = 'telegram' | 'translation';

export interface RemoteState {
  ok: boolean;
  /** ISO time of the latest outcome. */
  at: string;
  /** One line: what failed (never a secret: callers pass error descriptions, not requests). */
  detail?: string;
}

/** The latest outcome of each remote call, recorded by the code that made the call. */
export interface HealthSignals {
  succeeded(remote: RemoteName): void;
  failed(remote: RemoteName, detail: string): void;
  get(remote: RemoteName): RemoteState | undefined;
}

const clean = (detail: string) => redactUrlPasswords(scrubSecrets(detail.split('\n')[0]!));

export function createHealthSignals(now: () => Date = () => new Date()): HealthSignals {
  const state = new Map<RemoteName, RemoteState>();
  return {
    succeeded: (remote) => state.set(remote, { ok: true, at: now().toISOString() }),
    failed: (remote, detail) =>
      state.set(remote, { ok: false, at: now().toISOString(), detail: clean(detail) }),
    get: (remote) => state.get(remote),
  };
}

/** The process-wide signals the sender and the delivery planner record into. */
export const healthSignals: HealthSignals = createHealthSignals();

/** A remote's failure is reported for this long after it was seen (no newer outcome since). */
export const REMOTE_FAILURE_MEMORY_MS = 3600_000;

/** A digest older than this makes the service degraded. */
export const STALE_BUILD_MS = 2 * 3600_000;

export interface HealthInput {
  now: Date;
  /** When this process started (no build yet is only a problem after {@link STALE_BUILD_MS}). */
  startedAt: Date;
  lastBuild?: string;
  /** Sources of the last ingest pass: how many there were and how many failed. */
  lastIngestSources?: { total: number; failed: number };
  telegram?: RemoteState;
  translation?: RemoteState;
}

export interface HealthAssessment {
  status: 'ok' | 'degraded';
  reasons: string[];
}

const hours = (ms: number) => `${(ms / 3600_000).toFixed(1)} h`;

/** Pure: the status and reasons for the given facts. */
export function assessHealth(input: HealthInput): HealthAssessment {
  const reasons: string[] = [];
  const src = input.lastIngestSources;
  if (src && src.total > 0 && src.failed >= src.total) {
    reasons.push(`every source failed in the last ingest pass (${src.failed} of ${src.total})`);
  }
  const now = input.now.getTime();
  const built = input.lastBuild ? Date.parse(input.lastBuild) : NaN;
  if (Number.isFinite(built)) {
    if (now - built > STALE_BUILD_MS) {
      reasons.push(`last digest build is ${hours(now - built)} old (more than 2 h)`);
    }
  } else if (now - input.startedAt.getTime() > STALE_BUILD_MS) {
    reasons.push(`no digest built in the ${hours(now - input.startedAt.getTime())} since start`);
  }
  const failing = (r: RemoteState | undefined): r is RemoteState =>
    !!r && !r.ok && now - Date.parse(r.at) <= REMOTE_FAILURE_MEMORY_MS;
  if (failing(input.translation)) {
    reasons.push(`translation failing: ${input.translation.detail ?? 'error'}`);
  }
  if (failing(input.telegram)) {
    reasons.push(`Bot API unreachable: ${input.telegram.detail ?? 'error'}`);
  }
  return { status: reasons.length ? 'degraded' : 'ok', reasons };
}
