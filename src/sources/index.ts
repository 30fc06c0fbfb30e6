/**
 * Sources: where articles come from. Feeds (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed), article
 * pages, local folders and JSON-lines files become {@link Article}s; `runIngest` is one pass
 * into the store, `collectArticles` reads specs without a store. The HTTP client here is the
 * only one that fetches sources.
 */
export {
  runIngest,
  collectArticles,
  sourcesFromSpecs,
  backoffMs,
  FAILING_AFTER,
  LAST_INGEST_META_KEY,
  type SourceReport,
  type IngestReport,
  type RunIngestDeps,
  type RunIngestOptions,
  type CollectOptions,
} from './ingest.js';
export {
  loadSourcesFile,
  defaultSources,
  defaultSourceEntries,
  parseSourcesData,
  SourcesFileSchema,
  SourcesFileError,
  DEFAULT_SOURCES_PATH,
} from './sources-file.js';
export { loadBundledSamples, SAMPLES_PATH } from './samples.js';
export { checkSourceUrl, isPrivateAddress } from './net-guard.js';
export { FeedFetchError, FeedParseError, SourceUrlError, type FetchFailure } from './errors.js';
export {
  parseFeed,
  parseFeedDate,
  type ParsedFeed,
  type FeedItem,
  type FeedFormat,
} from './parse-feed.js';
export { extractArticle, type ExtractedArticle } from './extract.js';
export { decodeBody } from './encoding.js';
export {
  parseOpml,
  planImport,
  renderOpml,
  sourceIdFor,
  type ImportLine,
  type OpmlFeed,
} from './opml.js';
export { canonicalUrl, articleId, textFingerprint } from './canonical.js';
export { dedupArticles } from './dedup.js';
export {
  createHttpClient,
  FEED_MAX_BYTES,
  PAGE_MAX_BYTES,
  USER_AGENT,
  type HttpClient,
  type HttpClientOptions,
} from './http.js';
