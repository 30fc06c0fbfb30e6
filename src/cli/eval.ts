/**
 * `khulasa eval`: quality against human labels. `--data` scores key points with ROUGE against
 * reference summaries; `--clusters` scores story clustering against story labels. Each prints
 * khulasa beside baselines measured in the same run.
 */
import { UsageError, type Command } from './command.js';

const HELP = `Usage:
  khulasa eval --data FILE.jsonl [--json] [--limit N]
      ROUGE-1/2/L F1 of khulasa's key points and of the Lead baseline at the same word budget.
      FILE lines: {"id","text","summaries":[...],"is_news"?}
  khulasa eval --clusters ARTICLES.jsonl --labels STORIES.json [--archive ARCHIVE.jsonl]
               [--background-days N] [--sweep] [--json]
      B-cubed and pairwise F1 of story clustering, per day, beside trivial baselines. With
      --archive, the archive's articles of the N days (default 7) before each day are its
      history; --sweep adds the figures with each tuned setting a notch either way.`;

export const command: Command = {
  name: 'eval',
  summary: 'measure quality',
  help: HELP,
  options: {
    data: { type: 'string' },
    clusters: { type: 'string' },
    labels: { type: 'string' },
    archive: { type: 'string' },
    'background-days': { type: 'string' },
    sweep: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
    points: { type: 'string' },
  },
  async run(args, io) {
    if (args.values.data && args.values.clusters) {
      throw new UsageError('give either --data or --clusters, not both');
    }
    if (args.values.data) {
      const { evalSummaries } = await import('./eval-summaries.js');
      return evalSummaries(args, io);
    }
    if (args.values.clusters) {
      if (!args.values.labels) throw new UsageError('--clusters needs --labels STORIES.json');
      const { evalClusters } = await import('./eval-clusters.js');
      return evalClusters(args, io);
    }
    throw new UsageError(
      "missing --data FILE.jsonl or --clusters FILE.jsonl; see 'khulasa eval --help'",
    );
  },
};
