import { describe, expect, it } from 'vitest';
import {
  articleTermCounts,
  buildDigest,
  clusterArticles,
  documentFrequencies,
  dominantEvent,
  exactDuplicateGroups,
} from '../../../src/digest/index.js';
import { CLUSTER_FEATURES, IDF_PRIOR, tfidfVectors } from '../../../src/digest/cluster.js';
import type { Article } from '../../../src/domain.js';
import { createSearchIndex } from '../../../src/digest/search.js';
import { syntheticArticles } from '../../../src/digest/synthetic.js';
import { NOW, article, dayArticles, idGroups } from './fixtures.js';

// Made-up words, so that how much articles share is set by each test and nowhere else.
/**
 * Without history the IDF prior is half of `idfPrior`; these synthetic days were built at the
 * whole prior, which a batch with a few days of history has.
 */
const WITH_HISTORY_PRIOR = { priorWithoutHistory: IDF_PRIOR };

const LETTERS = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
const word = (i: number): string => {
  let s = 'م';
  for (let x = i + 1; x > 0; x = Math.floor(x / LETTERS.length)) s += LETTERS[x % LETTERS.length];
  return `${s}ان`;
};
const filler = (from: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => word((from + i) * 7));
/** Thirty articles about nothing else in the test: the rest of a day. */
const others = Array.from({ length: 30 }, (_, k) =>
  article(
    `o${k}`,
    `s${k % 5}`,
    4,
    filler(9000 + 50 * k, 4).join(' '),
    `${filler(20000 + 100 * k, 30).join(' ')}.`,
  ),
);

describe('clusterArticles', () => {
  const groups = idGroups(clusterArticles(dayArticles()));

  it.each([
    ['merges an exact duplicate with its original', ['q1', 'q1-copy']],
    ['merges one event told by three outlets', ['q1', 'q2', 'q3']],
    ['merges one match reported by two outlets', ['f1', 'f2']],
  ])('%s', (_name, ids) => {
    const group = groups.find((g) => g.includes(ids[0]!))!;
    for (const id of ids) expect(group).toContain(id);
  });

  it.each([['b1'], ['s1'], ['x1']])('keeps the unrelated article %s alone', (id) => {
    expect(groups.find((g) => g.includes(id))).toEqual([id]);
  });

  it('puts every input article in exactly one group', () => {
    const all = groups.flat().sort();
    expect(all).toEqual(
      dayArticles()
        .map((a) => a.id)
        .sort(),
    );
  });

  it('gives the same groups whatever the input order', () => {
    const input = dayArticles();
    const reversed = [...input].reverse();
    const rotated = [...input.slice(4), ...input.slice(0, 4)];
    const expected = clusterArticles(input).map((g) => g.map((a) => a.id));
    expect(clusterArticles(reversed).map((g) => g.map((a) => a.id))).toEqual(expected);
    expect(clusterArticles(rotated).map((g) => g.map((a) => a.id))).toEqual(expected);
  });

  it('never joins articles published too far apart', () => {
    const [q1, q2] = dayArticles();
    const old = { ...q2!, id: 'q2-old', publishedAt: '2026-03-01T00:00:00Z' };
    const out = idGroups(clusterArticles([q1!, old], { maxGapHours: 36 }));
    expect(out).toEqual([['q1'], ['q2-old']]);
  });

  it('gives the same groups from term counts a search index already computed', () => {
    const input = [...dayArticles(), ...syntheticArticles(400, { seed: 4 })];
    const index = createSearchIndex(input);
    const ids = (groups: { id: string }[][]) => groups.map((g) => g.map((a) => a.id));
    const fresh = ids(clusterArticles(input));
    expect(fresh.length).toBeLessThan(input.length);
    expect(ids(clusterArticles(input, { termCounts: index.termCounts }))).toEqual(fresh);
    // An article the index has not seen: everything is analysed afresh, with the same result.
    const extra = { ...input[0]!, id: 'unseen' };
    expect(ids(clusterArticles([...input, extra], { termCounts: index.termCounts }))).toEqual(
      ids(clusterArticles([...input, extra])),
    );
  });

  it("counts a search index's terms with the clusterer's weights (title, lead, tail)", () => {
    // A long text, so its tail counts too; a title whose words the text does not repeat.
    const long = article(
      'long',
      's',
      1,
      'زلزال قوي يضرب جنوب تركيا',
      `${'أعلنت السلطات المحلية حصيلة أولية للضحايا في المدن الساحلية. '.repeat(30)}وقال خبراء الجيولوجيا إن الهزات الارتدادية مستمرة.`,
    );
    expect(long.text.length).toBeGreaterThan(1200);
    const fromIndex = createSearchIndex([long]).termCounts.get('long')!;
    const total = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, x) => s + x, 0);
    const expected = [...articleTermCounts(long, CLUSTER_FEATURES).values()].reduce(
      (s, x) => s + x,
      0,
    );
    expect(total(fromIndex.counts)).toBeCloseTo(expected, 3);
    expect(total(fromIndex.counts)).not.toBeCloseTo(
      [...articleTermCounts(long).values()].reduce((s, x) => s + x, 0),
      3,
    );
  });

  it('returns nothing for nothing', () => {
    expect(clusterArticles([])).toEqual([]);
  });

  it('accepts a stricter threshold (fewer merges) through its options', () => {
    const strict = clusterArticles(dayArticles(), { threshold: 0.99, duplicateThreshold: 0.999 });
    // Only the exact duplicate survives a near-impossible threshold.
    expect(idGroups(strict).filter((g) => g.length > 1)).toEqual([['q1', 'q1-copy']]);
  });
});

describe('exactDuplicateGroups', () => {
  it.each([
    [
      'same URL, different text',
      [
        article('a', 's', 1, 'عنوان أول', 'نص أول مختلف تماما.', { url: 'https://x.example/n/1' }),
        article('b', 's', 1, 'عنوان ثان', 'نص ثان مختلف.', { url: 'http://www.x.example/n/1/' }),
      ],
      [[0, 1]],
    ],
    [
      'same title and text, white space aside',
      [
        article('a', 's', 1, 'عنوان', 'نص   الخبر هنا.'),
        article('b', 't', 2, 'عنوان', 'نص الخبر\nهنا.'),
      ],
      [[0, 1]],
    ],
    [
      'same words, punctuation aside, from another URL',
      [
        article('a', 's', 1, 'عنوان الخبر', 'قال الوزير: «نعم»، ثم غادر.'),
        article('b', 't', 2, 'عنوان - الخبر', 'قال الوزير "نعم" ثم غادر'),
        article('c', 'u', 3, 'عنوان الخبر', 'قال الوزير: «لا»، ثم غادر.'),
      ],
      [[0, 1], [2]],
    ],
    [
      'different articles',
      [article('a', 's', 1, 'عنوان', 'نص الخبر.'), article('b', 's', 1, 'عنوان', 'نص آخر.')],
      [[0], [1]],
    ],
  ])('%s', (_name, articles, expected) => {
    expect(exactDuplicateGroups(articles)).toEqual(expected);
  });
});

describe('clusterArticles with history', () => {
  // Two statements on different matters worded alike: the wording is news-agency boilerplate,
  // which a week of history shows and the two articles alone do not.
  const boilerplate =
    'أعلنت وزارة الخارجية في بيان رسمي صدر مساء اليوم عن موقفها من التطورات الأخيرة في المنطقة';
  const a = article(
    'a',
    'one',
    2,
    'الخارجية تصدر بيانا',
    `${boilerplate} بشأن مفاوضات الصيد البحري.`,
  );
  const b = article(
    'b',
    'two',
    3,
    'الخارجية تعلق',
    `${boilerplate} بشأن انتخابات البلديات المقبلة.`,
  );
  const history = Array.from({ length: 1000 }, (_, i) => ({
    title: `خبر رقم ${i}`,
    text: `${boilerplate} وتفاصيل أخرى.`,
  }));

  it('joins two articles that share wording when nothing says the wording is common', () => {
    expect(idGroups(clusterArticles([a, b]))).toEqual([['a', 'b']]);
  });

  it('keeps them apart when the days before show the wording is boilerplate', () => {
    const background = documentFrequencies(history);
    expect(idGroups(clusterArticles([a, b], { background }))).toEqual([['a'], ['b']]);
  });

  it('ignores an empty history', () => {
    const background = documentFrequencies([]);
    expect(idGroups(clusterArticles([a, b], { background }))).toEqual([['a', 'b']]);
  });
});

describe('attaching briefs to story cores', () => {
  // A video caption about the quake: too short to reach the join threshold on its own.
  const brief = article(
    'v1',
    'delta',
    4,
    'شاهد.. مشاهد من تركيا بعد الهزة',
    'فيديو من المدينة المنكوبة يظهر السكان في الشوارع.',
  );
  const find = (opts: Parameters<typeof clusterArticles>[1]): string[] =>
    idGroups(clusterArticles([...dayArticles(), brief], opts)).find((g) => g.includes('v1'))!;

  it('attaches a brief to the core it matches', () => {
    expect(find({}).sort()).toEqual(['q1', 'q1-copy', 'q2', 'q3', 'v1']);
  });

  it('leaves it alone without attachment (the join threshold alone does not take it)', () => {
    expect(find({ attachFloor: 2 })).toEqual(['v1']);
  });

  it('does not attach unrelated articles with it', () => {
    const groups = idGroups(clusterArticles([...dayArticles(), brief]));
    for (const id of ['b1', 's1', 'x1']) expect(groups.find((g) => g.includes(id))).toEqual([id]);
  });

  // An analysis of the quake, longer than a brief: only a big event's core takes it.
  const analysis = article(
    'v2',
    'delta',
    4,
    'تحليل: لماذا تتكرر الكوارث في تركيا؟',
    [
      'يرى خبراء أن المباني القديمة في ملاطية ومدن أخرى لم تبن وفق معايير السلامة، وأن الهزة الأخيرة كشفت ضعف الرقابة على البناء.',
      'ويقول مهندسون إن الحكومة وعدت مرارا بمراجعة قوانين البناء دون نتيجة تذكر، وإن كثيرا من الأحياء الشعبية ما زالت عرضة للخطر.',
      'ويطالب سكان بتعويضات عاجلة وبخطة لإعادة الإعمار، فيما تقول السلطات إنها ستعلن عن برنامج دعم للمتضررين خلال أيام.',
      'ويضيف الخبراء أن التوعية والتدريب على الإخلاء لا يقلان أهمية عن تدعيم المباني.',
    ].join(' '),
  );
  // The analysis is built to sit between the floors at the IDF prior a batch with history has
  // (without one, the prior is halved): the full prior of 200 is asked for.
  const analysisGroup = (opts: Parameters<typeof clusterArticles>[1]): string[] =>
    idGroups(
      clusterArticles([...dayArticles(), analysis], { ...WITH_HISTORY_PRIOR, ...opts }),
    ).find((g) => g.includes('v2'))!;

  // With a big core of three, the quake would also be this small day's dominant event; these
  // tests are about attachment alone, so no core counts as dominant.
  const noDominant = { dominantShare: 2 };

  it('attaches a longer piece only to a core as big as a big event', () => {
    expect(analysis.text.length).toBeGreaterThan(400);
    expect(analysisGroup({})).toEqual(['v2']);
    expect(analysisGroup({ bigCore: 3, ...noDominant }).sort()).toEqual([
      'q1',
      'q1-copy',
      'q2',
      'q3',
      'v2',
    ]);
    expect(analysisGroup({ bigCore: 3, bigFloor: 2, ...noDominant })).toEqual(['v2']);
  });

  it('weighs a second core against a big core by the big-core margin', () => {
    const q = ['q1', 'q1-copy', 'q2', 'q3', 'v2'];
    expect(analysisGroup({ bigCore: 3, attachMargin: 0, ...noDominant }).sort()).toEqual(q);
    expect(analysisGroup({ bigCore: 3, bigMargin: 0, ...noDominant })).toEqual(['v2']);
  });
});

describe('joining a big event’s pieces to its core', () => {
  const EVENT = ['المفتشين', 'منظمة', 'حظر', 'الأسلحة', 'مجلس', 'الأمن', 'تصويت', 'مشروع'];
  const EVENT_MORE = ['قرار', 'موسكو', 'فيتو', 'تحقيق'];
  const ANGLE = ['حاملة', 'الطائرات', 'صواريخ', 'كروز', 'المدمرات', 'البنتاغون'];
  const vocabulary = [...EVENT, ...EVENT_MORE];
  // Ten reports of one attack: a big core.
  const core = Array.from({ length: 10 }, (_, k) =>
    article(
      `c${k}`,
      `s${k % 5}`,
      3,
      `هجوم دوما الكيماوي ${filler(1000 + k, 1).join(' ')}`,
      `${[...vocabulary.filter((_, i) => (i + k) % 4 !== 0), ...filler(100 * k, 4)].join(' ')}.`,
    ),
  );
  // Three pieces on one angle (the military options), with a little of the event's wording.
  const angle = (title: string): Article[] =>
    Array.from({ length: 3 }, (_, k) =>
      article(
        `a${k}`,
        `s${k}`,
        3,
        `${title} ${filler(2000 + k, 1).join(' ')}`,
        `${[...vocabulary.slice(k, k + 3), ...ANGLE, ...filler(5000 + 100 * k, 6)].join(' ')}.`,
      ),
    );
  const named = angle('خيارات البنتاغون بعد هجوم دوما الكيماوي');
  const unnamed = angle('خيارات البنتاغون في الشرق الأوسط');
  // The body counts as much as the title here, and the threshold keeps the angle apart.
  const base = { titleWeight: 1, threshold: 0.4, absorbFloor: 0.2 };
  const groupOf = (input: Article[], opts: Parameters<typeof clusterArticles>[1]): string[] =>
    idGroups(clusterArticles([...core, ...input], { ...base, ...opts }))
      .find((g) => g.includes('a0'))!
      .sort();

  it('joins the angle to the core when its titles name the event', () => {
    expect(groupOf(named, {})).toEqual([...named, ...core].map((a) => a.id).sort());
  });

  it('keeps it apart without this step (the threshold alone does not join it)', () => {
    expect(groupOf(named, { absorbFloor: 2 })).toEqual(['a0', 'a1', 'a2']);
  });

  it('keeps it apart below the floor', () => {
    expect(groupOf(named, { absorbFloor: 0.3 })).toEqual(['a0', 'a1', 'a2']);
  });

  it('keeps apart a group whose titles do not name the event, however close its text', () => {
    expect(groupOf(unnamed, {})).toEqual(['a0', 'a1', 'a2']);
    expect(groupOf(named, { absorbTitleTerms: 4 })).toEqual(['a0', 'a1', 'a2']);
  });

  it('joins only a core as big as a big event', () => {
    expect(groupOf(named, { bigCore: 11 })).toEqual(['a0', 'a1', 'a2']);
  });
});

describe('joining the day’s dominant event by its anchors', () => {
  const EVENT = ['المفتشين', 'منظمة', 'حظر', 'الأسلحة', 'مجلس', 'الأمن', 'تصويت', 'مشروع'];
  const EVENT_MORE = ['قرار', 'موسكو', 'فيتو', 'تحقيق'];
  const ANGLE = [
    'حاملة',
    'الطائرات',
    'صواريخ',
    'كروز',
    'المدمرات',
    'البنتاغون',
    'الضربة',
    'الجوية',
  ];
  // Ten reports of one attack among forty articles: the day's dominant event.
  const core = Array.from({ length: 10 }, (_, k) =>
    article(
      `c${k}`,
      `s${k % 5}`,
      3,
      `هجوم دوما الكيماوي ${filler(1000 + k, 2).join(' ')}`,
      `${[...EVENT, ...EVENT_MORE].filter((_, i) => (i + k) % 4 !== 0).join(' ')} ${filler(100 * k, 4).join(' ')}.`,
    ),
  );
  // An interview on the military options: a headline that does not name the attack, a body
  // that shares little of the reports' wording, and a lead that may name it.
  const interview = (lead: string, title = 'خبير عسكري: خيارات البنتاغون'): Article =>
    article(
      'i0',
      's9',
      2,
      `${title} ${filler(7000, 2).join(' ')}`,
      `${lead} ${[...EVENT.slice(0, 2), ...ANGLE, ...filler(30000, 15)].join(' ')}.`,
    );
  // The interview is built to sit near the anchor floor at the IDF prior of a batch with history.
  const groupSize = (
    lead: string,
    opts: Parameters<typeof clusterArticles>[1] = {},
    title?: string,
  ): number =>
    clusterArticles([...core, ...others, interview(lead, title)], {
      ...WITH_HISTORY_PRIOR,
      ...opts,
    }).find((g) => g.some((a) => a.id === 'i0'))!.length;
  const NAMES_BOTH = 'قال الخبير بعد هجوم دوما الكيماوي إن';

  it('joins a piece whose lead names the event’s anchors', () => {
    expect(groupSize(NAMES_BOTH)).toBe(11);
  });

  it('keeps it apart without this step, or below its floor', () => {
    expect(groupSize(NAMES_BOTH, { anchorFloor: 2 })).toBe(1);
    expect(groupSize(NAMES_BOTH, { anchorFloor: 0.3 })).toBe(1);
  });

  it('keeps apart a piece that names one anchor or none', () => {
    expect(groupSize('قال الخبير بعد هجوم دوما إن')).toBe(1);
    expect(groupSize('قال الخبير في مقابلة تلفزيونية إن')).toBe(1);
  });

  it('joins only an event that fills enough of the day', () => {
    expect(groupSize(NAMES_BOTH, { dominantShare: 0.5 })).toBe(1);
  });

  it('reads an anchor behind a one-letter proclitic ("in Douma": بدوما)', () => {
    expect(groupSize('قال الخبير بعد الهجوم الكيماوي بدوما إن')).toBe(11);
    expect(groupSize('قال الخبير بعد الهجوم الكيماوي بدمشق إن')).toBe(1);
  });

  it('takes one anchor for an event that fills a large share of the day', () => {
    // The ten reports are just under a quarter of the day: a strong share of 0.2 makes them strong.
    const ONE = 'قال الخبير بعد هجوم دوما إن';
    expect(groupSize(ONE, { strongShare: 0.2 })).toBe(11);
    expect(groupSize('قال الخبير في مقابلة تلفزيونية إن', { strongShare: 0.2 })).toBe(1);
  });

  it('keeps apart a piece named only in its lead whose headline is from another front', () => {
    // Reports whose headlines name the attack but no place, and a piece whose lead names it
    // under a headline from a front none of the reports names: a retreat in Sirwah is another
    // war's news. Named in its headline too, it is a piece of the event.
    const unplaced = core.map((a) => ({ ...a, title: a.title.replace('هجوم دوما', 'الهجوم') }));
    const size = (title: string): number =>
      clusterArticles(
        [...unplaced, ...others, interview('قال الخبير بعد الهجوم الكيماوي إن', title)],
        WITH_HISTORY_PRIOR,
      ).find((g) => g.some((a) => a.id === 'i0'))!.length;
    expect(size('خبير عسكري: خيارات البنتاغون')).toBe(11);
    expect(size('خبير عسكري في صرواح: خيارات البنتاغون')).toBe(1);
    expect(size('خبير عسكري في صرواح: خيارات البنتاغون بعد الهجوم')).toBe(11);
  });
});

describe('keeping two named events apart', () => {
  // Two events reported the same day, each the other's context: their reports share much of
  // their wording, but every headline of one names a place the other's headlines never do.
  const SHARED = filler(40000, 16);
  const OWN = { a: filler(44000, 8), b: filler(45000, 8) };
  const report = (id: string, k: number, event: 'a' | 'b', title: string): Article =>
    article(
      id,
      `s${k}`,
      3,
      `${title} ${filler(41000 + 10 * k, 2).join(' ')}`,
      [
        ...SHARED.filter((_, i) => (i + k) % 4 !== 0),
        ...OWN[event].filter((_, i) => (i + k) % 4 !== 1),
        ...filler(42000 + 20 * k, 3),
      ].join(' ') + '.',
    );
  const BASE = word(43000);
  const AIRBASE = word(43001);
  const groupOf = (titles: string[], aTitles = [BASE, BASE, BASE, BASE]): string[] => {
    const day = [
      // Reports 4 to 7 are the other event's, so a fifth of this one's is report 8.
      ...aTitles.map((t, k) => report(`a${k}`, k < 4 ? k : k + 4, 'a', t)),
      ...titles.map((t, k) => report(`b${k}`, k + 4, 'b', t)),
      ...others,
    ];
    return idGroups(clusterArticles(day))
      .find((g) => g.includes('a0'))!
      .sort();
  };

  it('keeps apart two groups whose headlines each name their own event', () => {
    expect(groupOf([AIRBASE, AIRBASE, AIRBASE, AIRBASE])).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('keeps them apart when one event’s headlines spread over two of its names', () => {
    // Two of five headlines say "chemical", two "Douma": neither is in half of them.
    const CHEMICAL = word(43002);
    const titles = [BASE, BASE, CHEMICAL, CHEMICAL, word(43003)];
    expect(groupOf([AIRBASE, AIRBASE, AIRBASE, AIRBASE], titles)).toEqual([
      'a0',
      'a1',
      'a2',
      'a3',
      'a4',
    ]);
  });

  it('joins them when one group’s headlines also name the other’s event', () => {
    const named = `${AIRBASE} ${BASE}`;
    expect(groupOf([AIRBASE, AIRBASE, named, named])).toHaveLength(8);
  });

  it('keeps apart a pair of reports whose two headlines name their own event', () => {
    // A wedding struck the same night as the strike that killed a leader: two reports only.
    expect(groupOf([AIRBASE, AIRBASE])).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('joins a pair whose headlines also name the group’s event', () => {
    const named = `${AIRBASE} ${BASE}`;
    expect(groupOf([named, named])).toHaveLength(6);
  });
});

describe('keeping the two sides of a war story apart', () => {
  // Reports from one front: they share its place and most of their wording, whichever side of
  // the war they tell.
  const FRONT = filler(46000, 18);
  const TOWN = word(47000);
  const report = (id: string, k: number, title: string): Article =>
    article(
      id,
      `s${k}`,
      3,
      `${title} ${TOWN} ${filler(47100 + 10 * k, 2).join(' ')}`,
      [...FRONT.filter((_, i) => (i + k) % 5 !== 0), ...filler(47500 + 20 * k, 3)].join(' ') + '.',
    );
  const FIGHTING = ['غارات جوية على', 'قصف عنيف على', 'مقتل مدنيين في قصف على', 'معارك عنيفة في'];
  const groupOf = (id: string, pieces: Article[], opts = {}): string[] =>
    idGroups(
      clusterArticles(
        [...FIGHTING.map((t, k) => report(`f${k}`, k, t)), ...pieces, ...others],
        opts,
      ),
    ).find((g) => g.includes(id))!;

  it('keeps a report of the people fleeing apart from the reports of the fighting', () => {
    expect(groupOf('d0', [report('d0', 5, 'آلاف النازحين يفرون من')])).toEqual(['d0']);
  });

  it('keeps apart a group of such reports, which still hold together', () => {
    const pieces = [
      report('d0', 5, 'آلاف النازحين يفرون من'),
      report('d1', 6, 'ممرات آمنة لإجلاء المدنيين من'),
      report('d2', 7, 'الأمم المتحدة قلقة على النازحين من'),
    ];
    expect(groupOf('d0', pieces)).toEqual(['d0', 'd1', 'd2']);
  });

  it('joins the same report when its headline does not tell of people fleeing', () => {
    expect(groupOf('d0', [report('d0', 5, 'مشاهد من')])).toHaveLength(5);
  });

  it('joins it when the front’s headlines do not tell of the fighting', () => {
    const day = [
      ...['آخر أخبار', 'مشاهد من', 'ماذا يجري في', 'الوضع في'].map((t, k) => report(`f${k}`, k, t)),
      report('d0', 5, 'آلاف النازحين يفرون من'),
      ...others,
    ];
    expect(idGroups(clusterArticles(day)).find((g) => g.includes('d0'))).toHaveLength(5);
  });

  it('joins it when no share of headlines is enough to tell a side', () => {
    expect(
      groupOf('d0', [report('d0', 5, 'آلاف النازحين يفرون من')], { aspectShare: 1.1 }),
    ).toHaveLength(5);
  });

  it('keeps the fighters leaving under a deal apart from the fighting', () => {
    const pieces = [
      report('e0', 5, 'اتفاق لإجلاء مقاتلي الفصيل من'),
      report('e1', 6, 'خروج الدفعة الأولى من المسلحين من'),
    ];
    expect(groupOf('e0', pieces)).toEqual(['e0', 'e1']);
  });

  it('lets the fighters leaving and the civilians leaving join, both of them leaving', () => {
    const day = [
      report('e0', 5, 'اتفاق لإجلاء مقاتلي الفصيل من'),
      report('e1', 6, 'خروج الدفعة الأولى من المسلحين من'),
      report('d0', 7, 'آلاف النازحين يفرون من'),
      ...others,
    ];
    expect(idGroups(clusterArticles(day)).find((g) => g.includes('e0'))).toHaveLength(3);
  });

  it('keeps an aid convoy apart from the fighting, even one delayed by the shelling', () => {
    const pieces = [
      report('h0', 5, 'دخول قافلة مساعدات إلى'),
      report('h1', 6, 'الصليب الأحمر يرجئ توزيع المساعدات بسبب القصف على'),
    ];
    expect(groupOf('h0', pieces)).toEqual(['h0', 'h1']);
  });
});

describe('keeping two fronts of a war apart', () => {
  // Reports of one war from two places: the same actors and war words, most of their wording
  // shared, told apart only by where they happen, which each headline names.
  const WAR = filler(48000, 18);
  const report = (id: string, k: number, title: string): Article =>
    article(
      id,
      `s${k}`,
      3,
      `${title} ${filler(48100 + 10 * k, 2).join(' ')}`,
      [...WAR.filter((_, i) => (i + k) % 5 !== 0), ...filler(48500 + 20 * k, 3)].join(' ') + '.',
    );
  const groupOf = (titles: string[]): string[] =>
    idGroups(clusterArticles([...titles.map((t, k) => report(`r${k}`, k, t)), ...others])).find(
      (g) => g.includes('r0'),
    )!;

  it('keeps the reports from Saada apart from those from Taiz', () => {
    expect(groupOf(['غارات على صعدة', 'معارك في صعدة', 'تقدم جديد في تعز', 'قصف على تعز'])).toEqual(
      ['r0', 'r1'],
    );
  });

  it('keeps a lone report from another front apart from a group', () => {
    expect(groupOf(['تقدم جديد بتعز', 'غارات على صعدة', 'معارك في صعدة', 'قصف على صعدة'])).toEqual([
      'r0',
    ]);
  });

  it('reads a lone report’s front in its lead when its headline names none', () => {
    const lead = (id: string, place: string): Article => {
      const r = report(id, 0, 'غارات جديدة');
      return { ...r, text: `شنت مقاتلات غارات على مواقع في ${place}. ${r.text}` };
    };
    const day = (piece: Article): string[] =>
      idGroups(
        clusterArticles([
          piece,
          ...['غارات على صعدة', 'معارك في صعدة', 'قصف على صعدة'].map((t, k) =>
            report(`r${k + 1}`, k + 1, t),
          ),
          ...others,
        ]),
      ).find((g) => g.includes('r0'))!;
    expect(day(lead('r0', 'تعز'))).toEqual(['r0']);
    expect(day(lead('r0', 'محافظة صعدة'))).toHaveLength(4);
  });

  it('reads a small group’s front in its leads when its headlines name none', () => {
    // Two reports headlined "in their stronghold": their first sentences say where.
    const pair = (place: string): Article[] =>
      ['غارات على معقلهم', 'معارك في معقلهم'].map((t, k) => {
        const r = report(`p${k}`, 3 + k, t);
        return { ...r, text: `استعاد الجيش مواقع جديدة في ${place}. ${r.text}` };
      });
    const day = (place: string): string[] =>
      idGroups(
        clusterArticles([
          ...pair(place),
          ...['غارات على صعدة', 'معارك في صعدة', 'قصف على صعدة'].map((t, k) =>
            report(`r${k}`, k, t),
          ),
          ...others,
        ]),
      ).find((g) => g.includes('p0'))!;
    expect(day('تعز').sort()).toEqual(['p0', 'p1']);
    expect(day('محافظة صعدة')).toHaveLength(5);
  });

  it('joins them when a headline names no place', () => {
    expect(groupOf(['غارات جديدة', 'معارك في صعدة', 'قصف على صعدة'])).toHaveLength(3);
  });

  it('joins reports from two towns of one front (Douma and Hamouriyeh, in Eastern Ghouta)', () => {
    expect(groupOf(['غارات على دوما', 'معارك في دوما', 'قوات النظام تدخل حمورية'])).toHaveLength(3);
  });

  it('keeps a report from a front apart from a small story with a name of its own', () => {
    const name = word(48900);
    const day = (first: string, opts = {}): string[] =>
      idGroups(
        clusterArticles(
          [
            report('r0', 0, first),
            ...[`مصرع قادة ${name}`, `${name} يخسر مواقع`, `هزائم ${name} تتوالى`].map((t, k) =>
              report(`r${k + 1}`, k + 1, t),
            ),
            ...others,
          ],
          opts,
        ),
      ).find((g) => g.includes('r0'))!;
    expect(day('غارات على صعدة')).toEqual(['r0']);
    // Unless it names the story too, or the story is a big event's.
    expect(day(`غارات على ${name} في صعدة`)).toHaveLength(4);
    expect(day('غارات على صعدة', { bigCore: 3 })).toHaveLength(4);
  });

  it('keeps them apart when the report shares only one of the story’s several names', () => {
    // The war's actor ("the Houthis") heads both; the story's other names are its own.
    const [actor, ship, sea] = [word(48900), word(48910), word(48920)];
    const day = (first: string): string[] =>
      idGroups(
        clusterArticles([
          report('r0', 0, first),
          ...[
            `${actor} يهدد ${ship} في ${sea}`,
            `تهديد ${ship} في ${sea}`,
            `${actor} ${ship} ${sea}`,
          ].map((t, k) => report(`r${k + 1}`, k + 1, t)),
          ...others,
        ]),
      ).find((g) => g.includes('r0'))!;
    expect(day(`غارات على ${actor} في صعدة`)).toEqual(['r0']);
    // Two of its three names are the story's too.
    expect(day(`غارات على ${actor} ${ship} في صعدة`)).toHaveLength(4);
  });

  it('keeps them apart when only a headline naming both fronts is between them', () => {
    // A round-up of two fronts is evidence for neither: it joins one, and the other stays.
    const group = groupOf(['غارات على صعدة', 'معارك في صعدة', 'من صعدة إلى تعز', 'قصف على تعز']);
    expect(group).toEqual(expect.arrayContaining(['r0', 'r1']));
    expect(group).not.toContain('r3');
  });
});

describe('lone reports of one front', () => {
  // Two reports of one front, each from its own angle: a few of the war's words in common, not
  // enough to pass the threshold on their own.
  const WAR = filler(49000, 12);
  const report = (id: string, k: number, title: string): Article =>
    article(
      id,
      `s${k}`,
      3,
      `${title} ${filler(49100 + 10 * k, 2).join(' ')}`,
      [...WAR.filter((_, i) => i % 2 === k || i < 3), ...filler(49500 + 20 * k, 8)].join(' ') + '.',
    );
  const groupOf = (titles: [string, string], opts = {}): string[] =>
    idGroups(
      clusterArticles([report('r0', 0, titles[0]), report('r1', 1, titles[1]), ...others], opts),
    ).find((g) => g.includes('r0'))!;

  // Alone, the pair with a shared place is a little under 0.17 alike, and 0.1 without it.
  const SAME = ['أهالي عفرين يغادرون', 'رسائل متناقضة في عفرين'] as [string, string];

  it('join a little under the threshold when both headlines name the same place', () => {
    expect(groupOf(SAME, { threshold: 0.18 })).toEqual(['r0', 'r1']);
    expect(groupOf(SAME, { threshold: 0.18, frontMargin: 0 })).toEqual(['r0']);
  });

  it('stay apart as far under the threshold without a place', () => {
    expect(groupOf(['أهالي يغادرون', 'رسائل متناقضة'], { threshold: 0.12 })).toEqual(['r0']);
    expect(groupOf(['أهالي يغادرون', 'رسائل متناقضة'], { threshold: 0.09 })).toHaveLength(2);
  });

  it('stay apart when the headlines name two places', () => {
    expect(groupOf(['أهالي عفرين يغادرون', 'رسائل متناقضة في منبج'], { threshold: 0.18 })).toEqual([
      'r0',
    ]);
  });
});

describe('two big cores', () => {
  // Two events of ten reports each, under one headline topic, written on a common background
  // (`shared` of its words in each report) and each in its own words (`own`).
  const SHARED = filler(50000, 30);
  const OWN = { a: filler(51000, 30), b: filler(52000, 30) };
  const TOPIC = word(53000);
  const report = (id: string, k: number, event: 'a' | 'b', shared: number, own: number): Article =>
    article(
      id,
      `s${k}`,
      3,
      `${TOPIC} ${filler(53100 + 10 * k + (event === 'a' ? 0 : 500), 2).join(' ')}`,
      [
        ...SHARED.filter((_, i) => (i * 7 + k) % 30 < shared),
        ...OWN[event].filter((_, i) => (i * 11 + k) % 30 < own),
        ...filler(54000 + 20 * k + (event === 'a' ? 0 : 5000), 4),
      ].join(' ') + '.',
    );
  const sizes = (shared: number, own: number, opts = {}): number[] => {
    const day = [
      ...Array.from({ length: 10 }, (_, k) => report(`a${k}`, k, 'a', shared, own)),
      ...Array.from({ length: 10 }, (_, k) => report(`b${k}`, k, 'b', shared, own)),
      ...others,
    ];
    return idGroups(clusterArticles(day, opts))
      .map((g) => g.length)
      .filter((n) => n > 1);
  };

  it('stay apart when their centroids are only a little over the threshold', () => {
    expect(sizes(8, 14)).toEqual([10, 10]);
  });

  it('would join without the margin big cores need', () => {
    expect(sizes(8, 14, { bigCore: 30 })).toEqual([20]);
  });

  it('join when they are clearly alike', () => {
    expect(sizes(8, 10)).toEqual([20]);
  });
});

describe('a lone article and the group it joins', () => {
  // A tight story (four reports sharing a core of words, each with words of its own) and a
  // looser one. The piece takes a few of each tight report's own words — a little like each of
  // them — and many words of one report of the loose story, its nearest article.
  const TIGHT = filler(60000, 10);
  const LOOSE = filler(61000, 12);
  const own = (k: number): string[] => filler(62000 + 100 * k, 8);
  const nearest = filler(66000, 6);
  const day = (): Article[] => [
    ...[0, 1, 2, 3].map((k) =>
      article(
        `t${k}`,
        `s${k}`,
        3,
        `${word(63000)} ${filler(63100 + 10 * k, 2).join(' ')}`,
        [...TIGHT, ...own(k)].join(' ') + '.',
      ),
    ),
    ...[0, 1, 2, 3].map((k) =>
      article(
        `d${k}`,
        `s${k}`,
        3,
        `${word(64000)} ${filler(64100 + 10 * k, 2).join(' ')}`,
        [
          ...LOOSE,
          ...(k === 0 ? [...nearest, ...filler(66006, 4)] : []),
          ...filler(64500 + 100 * k, 10),
        ].join(' ') + '.',
      ),
    ),
    article(
      'x',
      's9',
      3,
      filler(65000, 3).join(' '),
      [
        ...TIGHT.slice(0, 4),
        ...[0, 1, 2, 3].flatMap((k) => own(k).slice(0, 3)),
        ...nearest,
        ...nearest,
        ...filler(65100, 2),
      ].join(' ') + '.',
    ),
    ...others,
  ];
  const groupOfX = (opts = {}): string[] =>
    idGroups(clusterArticles(day(), opts)).find((g) => g.includes('x'))!;

  it('does not join a tight story it is only a little like, over the story of its nearest article', () => {
    expect(groupOfX()).not.toContain('t0');
  });

  it('would join it on the centroid alone', () => {
    expect(groupOfX({ neighbourShare: 0 })).toContain('t0');
  });

  it('joins it when the two stories are angles of one event (alike above absorbFloor)', () => {
    expect(groupOfX({ absorbFloor: 0 })).toContain('t0');
  });
});

describe('the IDF prior and the history', () => {
  // Four articles: term 0 in all of them, term 1 in the first only.
  const table = {
    offsets: Int32Array.from([0, 2, 3, 4, 5]),
    ids: Int32Array.from([0, 1, 0, 0, 0]),
    counts: Float32Array.from([1, 1, 1, 1, 1]),
    vocabSize: 2,
  };
  /** How much more the rare term weighs than the common one in the first article. */
  const ratio = (background?: { docs: number; df: Float64Array; articles: number }): number => {
    const v = tfidfVectors(table, background ? { background } : {});
    return v.weights[1]! / v.weights[0]!;
  };
  /** The same ratio for a prior of `prior` pseudo-documents besides `docs` of history. */
  const expected = (prior: number, docs = 0): number =>
    Math.log((4 + prior + docs + 1) / 1.5) / Math.log((4 + prior + docs + 1) / 4.5);
  /** A history of `articles` articles, each counting a tenth of one. */
  const history = (articles: number) => ({
    docs: articles / 10,
    df: new Float64Array(2),
    articles,
  });

  it('is half the prior without any history', () => {
    expect(ratio()).toBeCloseTo(expected(100), 9);
  });

  it('grows back to the whole prior as history comes in, by its articles, not their weight', () => {
    // A hundred articles: half the prior plus a quarter per article, less their ten documents.
    expect(ratio(history(100))).toBeCloseTo(expected(115, 10), 9);
    // Four hundred or more: the whole prior, history documents included.
    expect(ratio(history(400))).toBeCloseTo(expected(160, 40), 9);
    expect(ratio(history(700))).toBeCloseTo(expected(130, 70), 9);
    expect(ratio({ docs: 35, df: new Float64Array(2), articles: 700 })).toBeCloseTo(
      expected(165, 35),
      9,
    );
    expect(ratio(history(3000))).toBeCloseTo(expected(0, 300), 9);
  });
});

describe('pieces of one event whose headlines name it alike', () => {
  // Two reports of one event from two angles: their headlines share three of its names, their
  // texts nothing (an election's security measures, its candidates' profiles).
  const NAMES = filler(60000, 3);
  const report = (id: string, k: number, hoursAgo: number, names = NAMES): Article =>
    article(
      id,
      `s${k}`,
      hoursAgo,
      [...names, ...filler(60100 + 10 * k, 2)].join(' '),
      `${filler(60500 + 40 * k, 30).join(' ')}.`,
    );
  const groupOf = (day: Article[], opts = {}): string[] =>
    idGroups(clusterArticles([...day, ...others], opts)).find((g) => g.includes('p0'))!;

  it('join though their texts share nothing', () => {
    expect(groupOf([report('p0', 0, 3), report('p1', 1, 5)])).toEqual(['p0', 'p1']);
  });

  it('stay apart when their headlines share fewer names than asked', () => {
    expect(groupOf([report('p0', 0, 3), report('p1', 1, 5)], { sameEventTerms: 4 })).toEqual([
      'p0',
    ]);
    expect(groupOf([report('p0', 0, 3), report('p1', 1, 5, NAMES.slice(0, 2))])).toEqual(['p0']);
  });

  it('stay apart when published further apart than a story spans', () => {
    expect(groupOf([report('p0', 0, 3), report('p1', 1, 80)])).toEqual(['p0']);
  });
});

describe('the day after a day-filling event', () => {
  // Yesterday: eight of twelve stories' headlines told one event, by two words of its own.
  const [STRIKES, COUNTRY] = [word(52000), word(52001)];
  const yesterday = [
    Array.from({ length: 8 }, (_, k) => ({
      title: `${STRIKES} ${COUNTRY} ${filler(52100 + 10 * k, 2).join(' ')}`,
    })),
    ...Array.from({ length: 4 }, (_, k) => [{ title: filler(52300 + 10 * k, 3).join(' ') }]),
  ];
  // Today: its reactions, each in words of its own but for a lead that names the event.
  const reaction = (k: number, lead: string): Article =>
    article(
      `r${k}`,
      `s${k}`,
      4 + k,
      filler(53000 + 10 * k, 4).join(' '),
      `${lead} ${filler(53500 + 40 * k, 30).join(' ')}.`,
    );
  const BOTH = `${STRIKES} ${COUNTRY}`;
  /**
   * `count` reports of one event (ids `${prefix}0`…), `hoursAgo` + k hours old: each text is the
   * words of one pool less a quarter of them, in turn, after `lead(k)`; headlines by `title(k)`.
   */
  const eventReports = (
    prefix: string,
    pool: number,
    count: number,
    hoursAgo: number,
    title: (k: number) => string,
    lead: (k: number) => string = () => '',
  ) => {
    const shared = filler(pool, 20);
    return Array.from({ length: count }, (_, k) =>
      article(
        `${prefix}${k}`,
        `s${k}`,
        hoursAgo + k,
        title(k),
        `${lead(k)}${shared.filter((_, i) => (i + k) % 4 !== 0).join(' ')}.`,
      ),
    );
  };
  const today = (leads: string[]) => [...leads.map((l, k) => reaction(k, l)), ...others];
  const reactionGroups = (leads: string[], opts: Parameters<typeof clusterArticles>[1] = {}) =>
    idGroups(clusterArticles(today(leads), { ...WITH_HISTORY_PRIOR, ...opts }))
      .filter((g) => g.some((id) => id.startsWith('r')))
      .map((g) => g.sort());

  it('takes the biggest story and the headline words most of it carries and the rest do not', () => {
    const event = dominantEvent(yesterday)!;
    expect(event.share).toBeCloseTo(8 / 12);
    expect(event.anchors).toHaveLength(2);
    // Read as the clusterer reads a headline: the event's two words, and no other.
    const named = (w: string) => dominantEvent([[{ title: w }, { title: w }]])!.anchors[0];
    expect([...event.anchors].sort()).toEqual([named(STRIKES), named(COUNTRY)].sort());
    // Of a digest's stories out of more articles: the share is of all of them.
    expect(dominantEvent(yesterday, 40)!.share).toBeCloseTo(8 / 40);
    expect(dominantEvent([[{ title: STRIKES }], [{ title: COUNTRY }]])).toBeUndefined();
  });

  it('joins the reactions that name it, which stay apart without it', () => {
    const leads = [BOTH, BOTH, BOTH, BOTH];
    expect(reactionGroups(leads)).toHaveLength(4);
    const ongoing = dominantEvent(yesterday)!;
    expect(reactionGroups(leads, { ongoing })).toEqual([['r0', 'r1', 'r2', 'r3']]);
  });

  it('needs one of its words when it filled half the day, both when less, nothing under a floor', () => {
    const leads = [BOTH, BOTH, STRIKES, filler(54000, 2).join(' ')];
    const filled = dominantEvent(yesterday)!;
    expect(reactionGroups(leads, { ongoing: filled })).toEqual([['r0', 'r1', 'r2'], ['r3']]);
    const third = dominantEvent(yesterday, 20)!;
    expect(third.share).toBeCloseTo(0.4);
    expect(reactionGroups(leads, { ongoing: third })).toEqual([['r0', 'r1'], ['r2'], ['r3']]);
    expect(reactionGroups(leads, { ongoing: third, ongoingShare: 0.45 })).toHaveLength(4);
    expect(reactionGroups(leads, { ongoing: dominantEvent(yesterday, 40)! })).toHaveLength(4);
  });

  it("joins them to the group most of whose articles name it, when a third of the event's core does", () => {
    // Today's core: seven reports of the event, three of them naming it in their leads (the
    // others tell the capitals' warnings in their own words).
    const core = eventReports(
      'c',
      56000,
      7,
      5,
      (k) => `${filler(56100 + 10 * k, 2).join(' ')} ${filler(56000, 20)[k]}`,
      (k) => (k < 3 ? `${BOTH} ` : ''),
    );
    const articles = [...core, reaction(0, BOTH), reaction(1, BOTH), ...others];
    const groupsWith = (ongoing?: ReturnType<typeof dominantEvent>) =>
      idGroups(
        clusterArticles(articles, { ...WITH_HISTORY_PRIOR, ...(ongoing ? { ongoing } : {}) }),
      )
        .filter((g) => g.some((id) => /^[cr]/.test(id)))
        .map((g) => g.sort());
    const coreIds = core.map((a) => a.id).sort();
    expect(groupsWith()).toEqual([coreIds, ['r0'], ['r1']]);
    const third = dominantEvent(yesterday, 20)!;
    expect(groupsWith(third)).toEqual([[...coreIds, 'r0', 'r1']]);
  });

  it('is read by a digest from the digest of the day before', () => {
    // Yesterday's eight reports of the event (one story) and four other stories.
    const reports = eventReports(
      'y',
      55000,
      8,
      30,
      (k) => `${STRIKES} ${COUNTRY} ${filler(55100 + 10 * k, 2).join(' ')}`,
    );
    const lone = Array.from({ length: 4 }, (_, k) =>
      article(
        `z${k}`,
        'other',
        30,
        filler(55300 + 10 * k, 4).join(' '),
        `${filler(55600 + 50 * k, 20).join(' ')}.`,
      ),
    );
    const previous = buildDigest([...reports, ...lone], {
      now: new Date(NOW.getTime() - 24 * 3_600_000),
    });
    expect(previous.stories[0]!.articles).toHaveLength(8);
    const storyOf = (digest: ReturnType<typeof buildDigest>) =>
      digest.stories
        .filter((s) => s.articles.some((a) => a.id.startsWith('r')))
        .map((s) => s.articles.length);
    const articles = today([BOTH, BOTH, BOTH, BOTH]);
    expect(storyOf(buildDigest(articles, { now: NOW, allStories: true }))).toEqual([1, 1, 1, 1]);
    expect(storyOf(buildDigest(articles, { now: NOW, allStories: true, previous }))).toEqual([4]);
    // Nor does a stored digest from before digests counted their articles.
    const uncounted = { ...previous, articleCount: undefined };
    expect(
      storyOf(buildDigest(articles, { now: NOW, allStories: true, previous: uncounted })),
    ).toEqual([1, 1, 1, 1]);
    // A digest of five days ago (a service stopped since) tells no event of the day before.
    const old = {
      ...previous,
      builtAt: new Date(NOW.getTime() - 5 * 24 * 3_600_000).toISOString(),
    };
    expect(storyOf(buildDigest(articles, { now: NOW, allStories: true, previous: old }))).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('reads a word with an attached pronoun as the word ("our strikes" names the strikes)', () => {
    const third = dominantEvent(yesterday, 20)!;
    const ours = `${STRIKES}نا ${COUNTRY}هم`;
    expect(reactionGroups([BOTH, ours], { ongoing: third })).toEqual([['r0', 'r1']]);
    // Not a pronoun: the word with two letters more of its own is another word.
    expect(reactionGroups([BOTH, `${STRIKES}ير ${COUNTRY}`], { ongoing: third })).toEqual([
      ['r0'],
      ['r1'],
    ]);
  });

  it('reads a raid as the strike it names, not shelling', () => {
    const strikes = yesterday.map((story) =>
      story.map((a) => ({ title: a.title.replace(STRIKES, 'ضربات') })),
    );
    const third = dominantEvent(strikes, 20)!;
    const [raid, strike, shelling] = [`غارة ${COUNTRY}`, `الضربات ${COUNTRY}`, `قصف ${COUNTRY}`];
    expect(reactionGroups([strike, raid], { ongoing: third })).toEqual([['r0', 'r1']]);
    expect(reactionGroups([strike, shelling], { ongoing: third })).toEqual([['r0'], ['r1']]);
  });

  it('reads the headline and the start of the lead only', () => {
    const late = `${filler(54100, 60).join(' ')} ${BOTH}`;
    expect(late.indexOf(STRIKES)).toBeGreaterThan(300);
    const groups = reactionGroups([BOTH, BOTH, late], { ongoing: dominantEvent(yesterday)! });
    expect(groups).toEqual([['r0', 'r1'], ['r2']]);
  });
});
