/**
 * `khulasa topic "QUERY"`: the recent stories about a topic, with key points and sources, from
 * the store or from given sources; "nothing on QUERY in the last N days" when no story passes
 * the relevance floor. A question in another language is turned into Arabic first: by the
 * configured translator, or the offline glossary without one.
 */
import { parseConfig } from '../config/index.js';
import { answerTopic, createSearchIndex, offlineToArabic } from '../digest/index.js';
import { silentLogger } from '../log.js';
import { detectByScript } from '../translate/index.js';
import {
  UsageError,
  intOption,
  listOption,
  writeLine,
  type CliIO,
  type Command,
} from './command.js';
import {
  endOfArticles,
  loadArticles,
  loadStoreArticles,
  parseNow,
  storiesText,
  storyJson,
} from './digest.js';

const HELP = `Usage: khulasa topic "QUERY" [--from FILE.jsonl|DIR|URL …] [--days N] [--now ISO] [--json]

Finds the stories of the last N days about QUERY and prints each with its key points and
sources. Stories rank by where the words are (headline, then lead, then body; never related
links), and only those above the relevance floor are shown: otherwise it says nothing matches.
A question in English, French or another language goes through the configured translator, or
the offline glossary of names without one (other names are then spelled in Arabic letters:
Sarkozy → ساركوزي). Without --from, the articles come from the store.

  --days N        how many days back to look (default 3)
  --now ISO       the time of the question (default: the current time; for --from files, their
                  newest article's time); given, articles published later are left out
  --max-stories K most stories shown (default 5)
  --json          {"query","searched","days","stories":[{"id","title","points","sources","articles"}],"nothing"}
                  ("nothing": true and "stories": [] when no story passes the floor)`;

/** The Arabic words a question is searched with. */
async function arabicQuery(query: string, io: CliIO): Promise<string> {
  if (detectByScript(query).language === 'ar') return query;
  const config = parseConfig(io.env);
  if (config.translation.provider === 'none') return offlineToArabic(query) ?? query;
  const { withRuntime } = await import('../app/runtime.js');
  const { toArabicQuery } = await import('../translate/index.js');
  return withRuntime(
    config,
    { log: silentLogger() },
    async ({ translator }) => (await toArabicQuery(query, translator)).query,
  );
}

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
    const days = intOption(args, 'days', 3, { max: 365 });
    const maxStories = intOption(args, 'max-stories', 5, { max: 100 });
    const specs = listOption(args, 'from');
    const clock = parseNow(args);
    const articles = specs.length
      ? await loadArticles(specs, clock, io, { asOf: args.values.now !== undefined })
      : await loadStoreArticles(io, new Date(clock.getTime() - days * 86_400_000));
    const now = specs.length ? endOfArticles(args, articles, clock) : clock;
    const searched = await arabicQuery(query, io);
    const index = createSearchIndex(articles);
    const answer = answerTopic(index, searched, { now, days, maxStories });
    if (args.values.json) {
      await writeLine(
        io.stdout,
        JSON.stringify({
          query,
          searched,
          days,
          stories: answer.stories.map(storyJson),
          nothing: answer.nothing,
        }),
      );
      return 0;
    }
    if (answer.nothing) {
      await writeLine(io.stdout, `nothing on ${query} in the last ${days} days`);
      return 0;
    }
    await writeLine(io.stdout, storiesText(answer.stories).join('\n').trimEnd());
    return 0;
  },
};
