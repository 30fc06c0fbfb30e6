/**
 * The Telegram bot: `createBot(deps)` (features, error boundary, limits), `launchBot` (polling
 * or webhook), `runConsoleChat` (the same handlers in a terminal), rendering and UI strings.
 */
export {
  createBot,
  normalizeApiRoot,
  routeThroughProxy,
  type Bot,
  type CallApi,
  type CreateBotOptions,
} from './bot.js';
export { createBotDeps, type BotDeps, type BotDepsInput } from './deps.js';
export { launchBot, type LaunchOptions, type StopBot } from './launch.js';
export { runConsoleChat, type ConsoleIO } from './console.js';
export { seedConsoleStore } from './console-seed.js';
export { registerCommands, commandList } from './commands.js';
export {
  renderDigest,
  renderTopicAnswer,
  renderStory,
  htmlToPlainText,
  splitText,
  packBlocks,
  MESSAGE_LIMIT,
  type RenderOptions,
} from './format.js';
export { escapeHtml } from './html.js';
export type { RenderedMessage } from '../domain.js';
export { t, pickUiLanguage, UI_LANGUAGES, COMMON_LANGUAGES, languageName } from './i18n/index.js';
export { parseCallback, encodeCallback, type CallbackData } from './callback-data.js';
export { nextDelivery, parseTime, parseZone } from './subscription.js';
export type { BotContext } from './context.js';
