/**
 * Scheduling and delivery: cron jobs (ingest, builds, the per-minute delivery tick), the outbox,
 * the leader lock. Entry points call `createScheduleDeps` (src/app) then
 * `createScheduler(deps).start()`.
 */
export type { ScheduleDeps, IngestSummary, ScheduleConfig } from './deps.js';
export type { RenderedMessage } from '../domain.js';
export {
  runDeliveryPass,
  resumeDeliveries,
  deliverDigest,
  selectDue,
  defaultInstanceId,
  type DeliveryReport,
  type DeliveryPassOptions,
} from './delivery.js';
export {
  buildDigestNow,
  currentDigest,
  hasReadSources,
  ingestNow,
  META_LAST_BUILD,
  META_LAST_BUILD_ERROR,
  META_LAST_INGEST,
  META_LAST_INGEST_SOURCES,
  META_LAST_TICK,
} from './build.js';
export {
  createScheduler,
  ingestExpression,
  type Scheduler,
  type SchedulerOptions,
} from './scheduler.js';
export { createLeader, SCHEDULER_LOCK, type Leader } from './leader.js';
export { dueInstantOn, isDueAt, isDueSameDaySince, floorToMinute } from '../time/index.js';
export type { PartsResult, PartsStatus, SendPartsOptions, Sender, SenderStats } from './ports.js';
