/**
 * What the scheduler needs, as ports and plain function hooks. Nothing here names a concrete
 * adapter: `createScheduleDeps` (wire.ts) fills the hooks with the real modules, and tests pass
 * small fakes.
 */
import type { Config } from '../config/index.js';
import type { Article, Digest } from '../domain.js';
import type { DocumentFrequencies } from '../digest/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { TranslationOutcome, Translator } from '../translate/port.js';
import type { Sender } from '../bot/sender.js';
import type { Metrics } from '../ops/metrics.js';

/** One Telegram message of a rendered digest (structurally the bot's RenderedMessage). */
export interface RenderedMessage {
  html: string;
  replyMarkup?: unknown;
}

/** The few fields of an ingest pass the scheduler looks at (sources' IngestReport fits). */
export interface IngestSummary {
  sources: { id: string; status: string; error?: string }[];
  articles: number;
}

/** Options the digest builder takes (STORIES' buildDigest signature). */
export interface BuildOptions {
  now: Date;
  windowHours?: number;
  maxStories?: number;
  previous?: Digest;
  /** Document frequencies of the days before the window (see schedule/history.ts). */
  background?: DocumentFrequencies;
}

export type ScheduleConfig = Pick<
  Config,
  'INGEST_INTERVAL_MINUTES' | 'DIGEST_WINDOW_HOURS' | 'DIGEST_MAX_STORIES' | 'SEND_RATE_PER_SECOND'
> &
  Partial<Pick<Config, 'CLUSTER_BACKGROUND_DAYS'>>;

export interface ScheduleDeps {
  config: ScheduleConfig;
  log: Logger;
  store: Store;
  translator: Translator;
  /** The rate-limited sender (src/bot/sender.ts) over the Telegram client. */
  sender: Sender;
  now: () => Date;
  /** One ingest pass over every source. */
  ingest(): Promise<IngestSummary>;
  /** Pure digest builder (src/digest buildDigest). */
  build(articles: Article[], opts: BuildOptions): Digest;
  /** Translates a digest once for one language (src/translate translateDigest). */
  translate(
    digest: Digest,
    language: string,
    translator: Translator,
  ): Promise<{ digest: Digest; outcome: TranslationOutcome }>;
  /** Renders a digest into Telegram messages (src/bot renderDigest). */
  render(digest: Digest, opts: { ui: string; notice?: string }): RenderedMessage[];
  /** The one-line notice shown when translation fell back to Arabic; undefined for none. */
  notice?(
    language: string,
    fallback: NonNullable<TranslationOutcome['fallback']>,
  ): string | undefined;
  /**
   * Keeps only the stories matching a reader's topic filters, given the digest in the reader's
   * language and the Arabic original (default: `filterByTopics` of delivery.ts).
   */
  filterTopics?(digest: Digest, topics: string[], original: Digest): Digest;
  metrics?: Metrics;
  /** This process's name in locks and leases (default: host:pid:random). */
  instanceId?: string;
}
