/** `khulasa` / `khulasa serve`: the service — bot plus scheduler, or the local console chat. */
import { parseConfig } from '../config/index.js';
import type { Command } from './command.js';

export const command: Command = {
  name: 'serve',
  summary: 'run the service',
  help: `Usage: khulasa [serve]

Runs the bot and the scheduler. With TELEGRAM_BOT_TOKEN set it talks to Telegram (long polling,
or a webhook when WEBHOOK_URL is set). Without a token it opens a local chat in the terminal over
the bundled sample articles, in a store of its own (DATA_DIR/console.sqlite) that the real bot
never reads: type /digest, /topic QUERY or /help.`,
  options: {},
  async run(_args, io) {
    const config = parseConfig(io.env);
    const { runService } = await import('../main.js');
    return runService(config, io);
  },
};
