/**
 * Wiring: {@link openRuntime} opens the store, the translator and the sources for an entry
 * point and closes them; the factories fill the scheduler's and the bot's ports from them.
 */
export {
  openRuntime,
  withRuntime,
  type Runtime,
  type RuntimeOptions,
  type StoreRuntime,
} from './runtime.js';
export { configuredSources, withAddedSources } from '../sources/configured.js';
export { createScheduleDeps, type CreateScheduleDepsInput } from './schedule-deps.js';
export { createBotDeps, type BotDepsInput } from '../bot/deps.js';
export { scheduleDepsFor, botDepsFor } from './deps.js';
