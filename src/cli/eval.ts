/**
 * `khulasa eval`: quality against human labels. `--data` scores key points with ROUGE against
 * reference summaries; `--clusters` scores story clustering against story labels. Each prints
 * khulasa beside baselines measured in the same run.
 */
import { UsageError, type Command } from './command.js';

const HELP = `Usage:
  khulasa eval --data FILE.jsonl [--json] [--limit N] [--sweep]
      ROUGE-1/2/L F1 of khulasa's key points and of the Lead baseline at the same word budget,
      with words/budget; --sweep moves each tuned setting a notch either way.
      FILE lines: {"id","text","summaries":[...],"is_news"?}
  khulasa eval --clusters ARTICLES.jsonl --labels STORIES.json|DIR [--archive ARCHIVE.jsonl]
               [--background-days N] [--sweep] [--json]
      B-cubed and pairwise F1 of story clustering, per day, beside trivial baselines (a DIR:
      every *.stories.json in it, e.g. eval/labels, one day each). With
      --archive, the archive's articles of the N days (default 7) before each day are its
      history; --sweep adds the figures with each tuned setting a notch either way, and
      each day's lowest notch and how many notches fall under 0.93 and 0.90.
  khulasa eval --topics QUERIES.jsonl --articles ARTICLES.jsonl --labels STORIES.json
               [--archive ARCHIVE.jsonl] [--at HH:MM] [--floor X] [--json]
      Top-1 accuracy of topic answers and "nothing" accuracy, each miss, and a sweep of the
      relevance floor. QUERIES lines: {"query","language","day":"YYYY-MM-DD","expected":slug|null}.
      With --archive, the archive's articles of the 7 days before each question's day are
      searched too, as a running service's store holds them for a topic answer's week. Each
      question is asked at the end of its day, or with --at at that time (UTC) of its day, of
      what was published by then (a question whose story was not yet reported is not asked).
  khulasa eval --points ARTICLES.jsonl [--json] [--limit N]
      Whole-word failures, boilerplate and near-duplicates in the key points of each article
      and of each day's digest (all stories). Lines: {"id","title","text","time","outlet","url"}.`;

export const command: Command = {
  name: 'eval',
  summary: 'measure quality',
  help: HELP,
  options: {
    data: { type: 'string' },
    clusters: { type: 'string' },
    topics: { type: 'string' },
    articles: { type: 'string' },
    floor: { type: 'string' },
    labels: { type: 'string' },
    archive: { type: 'string' },
    at: { type: 'string' },
    'background-days': { type: 'string' },
    sweep: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
    points: { type: 'string' },
  },
  async run(args, io) {
    // --points N also sets the points per article of --data, so it is not a mode of its own there
    const modes = (['data', 'clusters', 'topics'] as const).filter((m) => args.values[m]);
    if (modes.length > 1) {
      throw new UsageError('give one of --data, --clusters or --topics, not several');
    }
    if (args.values.topics) {
      const { evalTopics } = await import('./eval-topics.js');
      return evalTopics(args, io);
    }
    if (args.values.data) {
      const { evalSummaries } = await import('./eval-summaries.js');
      return evalSummaries(args, io);
    }
    if (args.values.points && !args.values.clusters) {
      const { evalPoints } = await import('./eval-points.js');
      return evalPoints(args, io);
    }
    if (args.values.clusters) {
      if (!args.values.labels) throw new UsageError('--clusters needs --labels STORIES.json');
      const { evalClusters } = await import('./eval-clusters.js');
      return evalClusters(args, io);
    }
    throw new UsageError(
      "missing --data, --clusters, --topics or --points FILE.jsonl; see 'khulasa eval --help'",
    );
  },
};
