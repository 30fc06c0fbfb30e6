/**
 * Composition root: builds the adapters from the configuration, starts the bot and the
 * scheduler (or the local console chat), and shuts everything down gracefully.
 */
import type { Config } from './config/index.js';
import type { CliIO } from './cli/command.js';

export async function runService(config: Config, io: CliIO): Promise<number> {
  io.stderr.write(`khulasa: service mode ${config.telegram.mode} is not wired yet\n`);
  return 1;
}
