import { describe, expect, it } from 'vitest';
import { DigestSchema } from '../../../src/domain.js';
import { buildDigest, mergeSameEvent } from '../../../src/digest/index.js';
import { NOW, article, dayArticles } from './fixtures.js';

const HOUR = 3_600_000;

describe('buildDigest', () => {
  const digest = buildDigest(dayArticles(), { now: NOW });

  it('is a valid digest of the last 24 hours', () => {
    expect(DigestSchema.parse(digest)).toEqual(digest);
    expect(digest.window).toEqual({
      from: new Date(NOW.getTime() - 24 * HOUR).toISOString(),
      to: NOW.toISOString(),
    });
    expect(digest.builtAt).toBe(NOW.toISOString());
  });

  it('ranks the story told by the most outlets first, with all its sources and articles', () => {
    const top = digest.stories[0]!;
    expect(top.articles.map((a) => a.id).sort()).toEqual(['q1', 'q1-copy', 'q2', 'q3']);
    expect(top.sources.map((s) => s.name).sort()).toEqual(['alpha', 'beta', 'gamma']);
    for (const s of top.sources) expect(s.url).toMatch(/^https:\/\//);
    expect(top.title).toMatch(/زلزال/);
    expect(top.points.length).toBeGreaterThanOrEqual(2);
    expect(top.points.length).toBeLessThanOrEqual(4);
  });

  it('draws points that do not repeat each other', () => {
    for (const story of digest.stories) {
      expect(new Set(story.points).size).toBe(story.points.length);
    }
  });

  it.each([
    [1, 1],
    [2, 2],
    [8, 5],
  ])('keeps at most maxStories=%i stories (%i here)', (maxStories, expected) => {
    expect(buildDigest(dayArticles(), { now: NOW, maxStories }).stories).toHaveLength(expected);
  });

  it('is deterministic for the same input and clock, whatever the input order', () => {
    const again = buildDigest([...dayArticles()].reverse(), { now: NOW });
    expect(again).toEqual(digest);
  });

  it.each([
    [
      'a 7-hour window drops older articles',
      { windowHours: 7 },
      ['q1', 'q1-copy', 'q2', 'q3', 'x1'],
    ],
    [
      'a 24-hour window keeps the day',
      {},
      ['b1', 'f1', 'f2', 'q1', 'q1-copy', 'q2', 'q3', 's1', 'x1'],
    ],
  ])('%s', (_name, opts, ids) => {
    const d = buildDigest(dayArticles(), { now: NOW, allStories: true, ...opts });
    expect(d.stories.flatMap((s) => s.articles.map((a) => a.id)).sort()).toEqual(ids);
  });

  it('ignores articles from the future and before the window', () => {
    const extra = [
      article('late', 'alpha', -5, 'خبر من المستقبل', 'نص خبر منشور بعد وقت البناء بساعات.'),
      article('old', 'alpha', 30, 'خبر قديم', 'نص خبر قديم خارج النافذة الزمنية.'),
    ];
    const d = buildDigest([...dayArticles(), ...extra], { now: NOW, allStories: true });
    const ids = d.stories.flatMap((s) => s.articles.map((a) => a.id));
    expect(ids).not.toContain('late');
    expect(ids).not.toContain('old');
  });

  it('with allStories puts every article of the window in exactly one story', () => {
    const d = buildDigest(dayArticles(), { now: NOW, allStories: true, maxStories: 1 });
    const ids = d.stories.flatMap((s) => s.articles.map((a) => a.id));
    expect(ids.sort()).toEqual(
      dayArticles()
        .map((a) => a.id)
        .sort(),
    );
  });
});

describe('buildDigest across days', () => {
  const yesterday = buildDigest(dayArticles(), { now: NOW });
  const quakeId = yesterday.stories[0]!.id;
  const nextNow = new Date(NOW.getTime() + 20 * HOUR);
  const followUp = article(
    'q4',
    'delta',
    -18,
    'تركيا تبدأ إعادة إعمار ملاطية بعد الزلزال',
    [
      'بدأت السلطات التركية إزالة أنقاض المباني التي انهارت في زلزال ملاطية.',
      'وقالت وزارة البيئة التركية إنها ستبني ألفي وحدة سكنية جديدة للمتضررين من الزلزال خلال عام.',
      'وأكد والي ملاطية أن المدارس ستعود إلى العمل الأسبوع المقبل بعد فحص سلامة المباني.',
    ].join(' '),
  );

  it('keeps the story id when the story continues, and marks it as an update with new points', () => {
    const today = buildDigest([...dayArticles(), followUp], { now: nextNow, previous: yesterday });
    const quake = today.stories.find((s) => s.articles.some((a) => a.id === 'q4'));
    expect(quake?.id).toBe(quakeId);
    expect(quake?.update).toBe(true);
    const before = new Set(yesterday.stories[0]!.points);
    expect(quake!.points.length).toBeGreaterThan(0);
    for (const p of quake!.points) expect(before.has(p)).toBe(false);
  });

  it("heads an update by the report of its news, not by one repeating yesterday's headline", () => {
    const today = buildDigest([...dayArticles(), followUp], { now: nextNow, previous: yesterday });
    const quake = today.stories.find((s) => s.articles.some((a) => a.id === 'q4'))!;
    // The toll report (q3) is still the most central, but the toll was sent yesterday.
    expect(quake.articles.map((a) => a.id)).toContain('q3');
    expect(quake.title).toBe(followUp.title);
    expect(quake.points[0]).toMatch(/ألفي وحدة سكنية/);
  });

  it('leaves out a story already sent that has nothing new', () => {
    const today = buildDigest(dayArticles(), { now: nextNow, previous: yesterday });
    expect(today.stories.map((s) => s.id)).not.toContain(quakeId);
    const all = buildDigest(dayArticles(), { now: nextNow, previous: yesterday, allStories: true });
    expect(all.stories.map((s) => s.id)).toContain(quakeId);
  });

  it('gives a new story a new id derived from its articles, the same on every build', () => {
    const a = buildDigest(dayArticles(), { now: NOW });
    const b = buildDigest(dayArticles(), { now: new Date(NOW.getTime() + HOUR) });
    expect(a.stories.map((s) => s.id).sort()).toEqual(b.stories.map((s) => s.id).sort());
    expect(new Set(a.stories.map((s) => s.id)).size).toBe(a.stories.length);
  });
});

describe('buildDigest with history', () => {
  it('hands the history to the clusterer', () => {
    const background = { docs: 3, df: new Map([['زلزل', 2]]) };
    const seen: unknown[] = [];
    buildDigest(dayArticles(), {
      now: NOW,
      background,
      clusterer: (articles, opts) => {
        seen.push(opts?.background);
        return articles.map((a) => [a]);
      },
    });
    expect(seen).toEqual([background]);
  });
});

describe('story ids across builds', () => {
  // The clusterer is fixed here, so only the carry-over rule decides.
  const arts = dayArticles();
  const byId = new Map(arts.map((a) => [a.id, a]));
  const groupsOf = (...ids: string[][]) => {
    return () => ids.map((g) => g.map((id) => byId.get(id)!));
  };
  const first = buildDigest(arts, {
    now: NOW,
    allStories: true,
    clusterer: groupsOf(['q1', 'q1-copy', 'q2', 'q3'], ['f1', 'f2'], ['b1'], ['s1'], ['x1']),
  });
  const idOf = (d: typeof first, articleId: string) =>
    d.stories.find((s) => s.articles.some((a) => a.id === articleId))!.id;

  it('keeps a story id when most of its core carries over', () => {
    const next = buildDigest(arts, {
      now: new Date(NOW.getTime() + HOUR),
      allStories: true,
      previous: first,
      clusterer: groupsOf(['q1', 'q1-copy', 'q2'], ['q3'], ['f1', 'f2', 'b1'], ['s1'], ['x1']),
    });
    expect(idOf(next, 'q1')).toBe(idOf(first, 'q1'));
    expect(idOf(next, 'q3')).not.toBe(idOf(first, 'q1'));
    expect(idOf(next, 'f1')).toBe(idOf(first, 'f1'));
    expect(new Set(next.stories.map((s) => s.id)).size).toBe(next.stories.length);
  });

  it('gives a new id when only a minority of the old core is in the group', () => {
    const next = buildDigest(arts, {
      now: new Date(NOW.getTime() + HOUR),
      allStories: true,
      previous: first,
      clusterer: groupsOf(['q1', 'x1'], ['q1-copy', 'q2', 'q3'], ['f1'], ['f2'], ['b1'], ['s1']),
    });
    // q1 + x1 holds one of four quake articles: the quake id goes to the group with three.
    expect(idOf(next, 'q2')).toBe(idOf(first, 'q1'));
    expect(idOf(next, 'x1')).not.toBe(idOf(first, 'q1'));
  });
});

describe('mergeSameEvent', () => {
  const t = (id: string, title: string) => article(id, 'alpha', 2, title, 'نص.');
  const election = [
    [t('e1', 'انتخابات الرئاسة المصرية: انتشار أمني حول اللجان')],
    [
      t('e2', 'انتخابات الرئاسة المصرية: من هم المرشحون؟'),
      t('e3', 'المرشحون في انتخابات الرئاسة المصرية'),
    ],
    [t('o1', 'مصر ترفع أسعار الوقود للمرة الثالثة')],
    [t('o2', 'الرئاسة المصرية تستقبل وفدا أوروبيا')],
    // The rest of the day: what makes a title term distinctive.
    ...dayArticles().map((a) => [a]),
  ];

  it('joins pieces of one event whose titles name the same things', () => {
    const ids = mergeSameEvent(election).map((g) => g.map((a) => a.id).sort());
    expect(ids).toContainEqual(['e1', 'e2', 'e3']);
  });

  it('keeps other stories about the same country apart', () => {
    const ids = mergeSameEvent(election).map((g) => g.map((a) => a.id).sort());
    expect(ids).toContainEqual(['o1']);
    expect(ids).toContainEqual(['o2']);
    expect(ids.flat().length).toBe(election.flat().length);
  });

  it('joins nothing when fewer distinctive terms are shared than asked', () => {
    expect(mergeSameEvent(election, { minShared: 20 })).toHaveLength(election.length);
  });

  it('tries again on the joined pieces: two angles together name what a third one names', () => {
    // Alone, neither of the first two headlines is like enough the third piece's two, whose
    // words spread over both; together they are.
    const war = [
      [t('w1', 'الحرب في اليمن: عشر سنوات من الصراع والوساطات')],
      [t('w2', 'عشر سنوات من الحرب في اليمن يرويها المراسلون')],
      [
        t('w3', 'عشر سنوات على الحرب في اليمن: القوى الكبرى ترفض الاعتراف بالهزيمة'),
        t('w4', 'الغرب يرفض الإقرار بخسارته في اليمن'),
      ],
      [t('o3', 'اليمن يستضيف مؤتمرا للطاقة')],
      [t('o4', 'الحرب على الفساد في لبنان')],
      ...dayArticles().map((a) => [a]),
    ];
    const ids = mergeSameEvent(war).map((g) => g.map((a) => a.id).sort());
    expect(ids).toContainEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it('keeps apart pieces with the same headline published days apart', () => {
    const apart = [
      [article('d1', 'alpha', 2, 'انتخابات الرئاسة المصرية: انتشار أمني حول اللجان', 'نص.')],
      [article('d2', 'alpha', 80, 'انتخابات الرئاسة المصرية: من هم المرشحون؟', 'نص.')],
      ...dayArticles().map((a) => [a]),
    ];
    const ids = mergeSameEvent(apart, { maxGapHours: 36 }).map((g) => g.map((a) => a.id));
    expect(ids).toContainEqual(['d1']);
    expect(mergeSameEvent(apart).map((g) => g.map((a) => a.id).sort())).toContainEqual([
      'd1',
      'd2',
    ]);
  });
});
