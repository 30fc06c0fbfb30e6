/**
 * Typed errors of the sources adapter. "Could not get the bytes" ({@link FeedFetchError}) is kept
 * apart from "got bytes that are not a feed" ({@link FeedParseError}) and from "this address may
 * not be fetched at all" ({@link SourceUrlError}); each carries the offending URL.
 */

export type FetchFailure =
  | 'timeout'
  | 'connect'
  | 'http-status'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'blocked-address'
  | 'bad-url'
  | 'network'
  | 'io';

/** The bytes could not be fetched: network, timeout, HTTP status, size cap, redirects. */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
  constructor(
    message: string,
    readonly url: string,
    readonly reason: FetchFailure,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The bytes arrived but are not a feed we can read (malformed, entity bomb, unknown format). */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type SourceUrlProblem = 'bad-url' | 'bad-scheme' | 'private-address' | 'unresolvable';

/** A source address that may not be used: not http(s), or resolving to a private network. */
export class SourceUrlError extends Error {
  override readonly name = 'SourceUrlError';
  constructor(
    message: string,
    readonly url: string,
    readonly problem: SourceUrlProblem,
  ) {
    super(message);
  }
}

/** One line describing an error, for reports and logs. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0]!;
  return String(err);
}
