/**
 * What the scheduler needs, as ports and plain function hooks. Nothing here names a concrete
 * adapter: `createScheduleDeps` (src/app) fills the hooks with the real modules, and tests pass
 * small fakes.
 */
import type { Config } from '../config/index.js';
import type { Article, Digest, RenderedMessage } from '../domain.js';
import type { DocumentFrequencies } from '../digest/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { TranslationOutcome, Translator } from '../translate/port.js';
import type { Metrics } from '../ops/metrics.js';
import type { HealthSignals } from '../ops/health.js';
import type { Sender } from './ports.js';

/** How one reader's digest is rendered (the options of src/bot renderDigest it fills). */
export interface RenderRequest {
  /** Language of the bot's own words. */
  ui: string;
  /** One line under the heading (translation fell back to Arabic). */
  notice?: string;
  /** The reader's IANA zone, for the date and story times. */
  timeZone?: string;
  /** @default 'brief' */
  format?: 'brief' | 'full';
  /** Stories were filtered by these topics; `missed`: none matched (the digest is unfiltered). */
  topics?: { followed: readonly string[]; missed?: boolean };
  /** A channel post: links instead of buttons. */
  channel?: boolean;
}

/** The few fields of an ingest pass the scheduler looks at (sources' IngestReport fits). */
export interface IngestSummary {
  /** Per source: its status and, when known, how many new articles it gave. */
  sources: { id: string; status: string; error?: string; new?: number }[];
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
  /** The rate-limited sender over the Telegram client (src/bot's createSender in production). */
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
  render(digest: Digest, opts: RenderRequest): RenderedMessage[];
  /** The one-line notice shown when translation fell back to Arabic; undefined for none. */
  notice?(
    language: string,
    fallback: NonNullable<TranslationOutcome['fallback']>,
  ): string | undefined;
  /**
   * Keeps only the stories matching a reader's topic filters, given the digest in the reader's
   * language and the Arabic original (default: `filterByTopics` of src/digest).
   */
  filterTopics?(digest: Digest, topics: string[], original: Digest): Digest;
  metrics?: Metrics;
  /**
   * How long a delivery waits for a digest's translation before it sends the Arabic original
   * with the notice (the translation goes on and is cached for later readers).
   * @default 30000
   */
  translateDeadlineMs?: number;
  /**
   * How long delivery retries a store write while the store is unreachable before the send
   * counts as failed.
   * @default 600000
   */
  storeRetryMaxMs?: number;
  /** Where delivery records the latest Bot API and translation outcomes (for /healthz). */
  signals?: HealthSignals;
  /** This process's name in locks and leases (default: host:pid:random). */
  instanceId?: string;
}
