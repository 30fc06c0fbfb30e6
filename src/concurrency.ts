/** Small concurrency helpers shared by the adapters (no I/O of their own). */
import pLimit from 'p-limit';

/**
 * Runs `task` over `items` with at most `concurrency` running at once (at least one), in order
 * of the items; settles every item.
 * @example await mapSettled(feeds, 16, (feed) => fetchFeed(feed)) // one result per feed
 */
export async function mapSettled<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const limit = pLimit(Math.max(1, concurrency));
  return Promise.allSettled(items.map((item, i) => limit(task, item, i)));
}

/**
 * The wait before retry number `retry` (0 for the first): `baseMs` doubled each retry, at most
 * `maxMs`, with ±25% jitter so that callers failing together do not come back together.
 * @example backoffDelay(500, 2) // 1500–2500
 */
export function backoffDelay(
  baseMs: number,
  retry: number,
  maxMs = Number.POSITIVE_INFINITY,
): number {
  return Math.min(maxMs, baseMs * 2 ** retry) * (0.75 + Math.random() / 2);
}

/**
 * Waits for `p` to settle (its outcome ignored) or for `ms`, whichever comes first; the timer
 * does not keep the process alive.
 * @example await waitAtMost(scheduler.ready(), 45_000)
 */
export async function waitAtMost(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}
