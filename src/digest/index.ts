/**
 * The digest engine: story clustering, ranking, story key points, digest assembly, the search
 * index and topic answers. Pure and deterministic: no I/O, no clock (time is a parameter).
 */
export {
  byTimeThenId,
  clusterArticles,
  dominantEvent,
  exactDuplicateGroups,
  mergeSameEvent,
  type ClusterOptions,
  type OngoingEvent,
  type SameEventOptions,
  type Clusterer,
} from './cluster.js';
export {
  articlesInWindow,
  buildDigest,
  FUTURE_TOLERANCE_MS,
  storyScore,
  type DigestOptions,
} from './digest.js';
export { evaluateClustering, SYSTEMS, type ClusterScore } from './evaluate.js';
export {
  addFrequencies,
  articleTermCounts,
  documentFrequencies,
  tailOf,
  type DocumentFrequencies,
  canonicalUrl,
  contentFingerprint,
  publishedMs,
  skeleton,
  type FeatureOptions,
} from './features.js';
export { countOutlets, GIST_MAX_WORDS, shortenToClause, storyGist } from './gist.js';
export { glossaryToArabic, offlineToArabic } from './glossary.js';
export { transliterateName } from './transliterate.js';
export { hashString } from './hash.js';
export { bcubed, pairwise, type PRF } from './metrics.js';
export {
  MAX_MENTIONS,
  RELEVANCE_FLOOR,
  TOPIC_DAYS,
  ZONE_WEIGHTS,
  answerTopic,
  articleZones,
  contentParagraphs,
  createSearchIndex,
  otherNames,
  queryReadings,
  queryWords,
  wordKeys,
  type SearchIndex,
  type WordKeys,
  type TopicAnswer,
  type TopicOptions,
} from './search.js';
export {
  buildStory,
  byCentrality,
  isRedundant,
  isSameFact,
  pointKeys,
  storyIdFor,
  storyPoints,
  storySources,
  type StoryOptions,
} from './story.js';
export * from './keypoints.js';
export * from './rouge.js';
export * from './boilerplate.js';
export * from './faithful.js';
export { filterByTopics } from './topics.js';
