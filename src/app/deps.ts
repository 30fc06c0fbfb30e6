/** The scheduler's and the bot's ports, filled from an open {@link Runtime}. */
import { createBotDeps, type BotDeps, type BotDepsInput } from '../bot/deps.js';
import type { ScheduleDeps } from '../schedule/deps.js';
import { createScheduleDeps, type CreateScheduleDepsInput } from './schedule-deps.js';
import type { Runtime } from './runtime.js';

type FromRuntime = 'config' | 'log' | 'store' | 'translator' | 'now';

/** {@link createScheduleDeps} with the runtime's configuration, log, store, translator and clock. */
export function scheduleDepsFor(
  runtime: Runtime,
  input: Omit<CreateScheduleDepsInput, FromRuntime>,
): ScheduleDeps {
  const { config, log, store, translator, now } = runtime;
  return createScheduleDeps({ config, log, store, translator, now, ...input });
}

/** {@link createBotDeps} with the runtime's configuration, log, store, translator, clock and sources. */
export function botDepsFor(
  runtime: Runtime,
  input: Omit<BotDepsInput, FromRuntime | 'sources'> = {},
): BotDeps {
  const { config, log, store, translator, now, sources } = runtime;
  return createBotDeps({ config, log, store, translator, now, sources, ...input });
}
