/**
 * A progress line on stderr ("importing 120/500"), rewritten in place at most ten times a second,
 * shown only when stderr is a terminal: piped output and logs stay clean.
 */
import type { CliIO } from './command.js';

export interface Progress {
  /** `done` items so far. */
  tick(done: number): void;
  /** Prints the final count and ends the line. */
  end(done: number): void;
}

export function createProgress(
  io: Pick<CliIO, 'stderr' | 'interactive'>,
  label: string,
  total?: number,
  now: () => number = Date.now,
): Progress {
  let last = -Infinity;
  let shown = false;
  const text = (done: number) => `\r${label} ${done}${total === undefined ? '' : `/${total}`}`;
  return {
    tick(done) {
      if (!io.interactive) return;
      const t = now();
      if (t - last < 100) return;
      last = t;
      shown = true;
      io.stderr.write(text(done));
    },
    end(done) {
      if (!io.interactive) return;
      if (!shown && done === 0) return;
      io.stderr.write(`${text(done)}\n`);
    },
  };
}
