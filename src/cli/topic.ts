/**
 * `khulasa topic "QUERY"`: the recent stories about a topic, with key points and sources, from
 * the store or from given sources; "nothing on QUERY in the last N days" when none match.
 */
import { answerTopic, createSearchIndex } from '../digest/index.js';
import { UsageError, intOption, listOption, writeLine, type Command } from './command.js';
import { loadArticles, loadStoreArticles, parseNow, storiesText, storyJson } from './digest.js';

const HELP = `Usage: khulasa topic "QUERY" [--from FILE.jsonl|DIR|URL …] [--days N] [--now ISO] [--json]

Finds the stories of the last N days about QUERY (Arabic words; BM25 over titles and texts) and
prints each with its key points and sources. Without --from, the articles come from the store.

  --days N        how many days back to look (default 3)
  --max-stories K most stories shown (default 5)
  --json          {"query","days","stories":[{"id","title","points","sources","articles"}]}`;

export const command: Command = {
  name: 'topic',
  summary: 'answer a topic question from recent articles',
  help: HELP,
  maxPositionals: 1,
  options: {
    from: { type: 'string', multiple: true },
    days: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    'max-stories': { type: 'string' },
  },
  async run(args, io) {
    const query = (args.positionals[0] ?? '').trim();
    if (!query) throw new UsageError(`missing QUERY; see 'khulasa topic --help'`);
    const now = parseNow(args);
    const days = intOption(args, 'days', 3, { max: 365 });
    const maxStories = intOption(args, 'max-stories', 5, { max: 100 });
    const specs = listOption(args, 'from');
    const since = new Date(now.getTime() - days * 86_400_000);
    const articles = specs.length
      ? await loadArticles(specs, now, io)
      : await loadStoreArticles(io, since);
    const index = createSearchIndex(articles);
    const answer = answerTopic(index, query, { now, days, maxStories });
    if (args.values.json) {
      await writeLine(
        io.stdout,
        JSON.stringify({ query, days, stories: answer.stories.map(storyJson) }),
      );
      return 0;
    }
    if (answer.stories.length === 0) {
      await writeLine(io.stdout, `nothing on ${query} in the last ${days} days`);
      return 0;
    }
    await writeLine(io.stdout, storiesText(answer.stories).join('\n').trimEnd());
    return 0;
  },
};
