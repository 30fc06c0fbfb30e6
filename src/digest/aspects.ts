import { terms } from '../arabic/index.js';
import { skeleton } from './features.js';

/**
 * The sides of a war story a headline can be about: people fleeing it (the displaced, the
 * evacuated, the refugees and the corridors they leave by), the fighting itself (strikes,
 * shelling, the dead, battles), fighters leaving under a deal (see `FIGHTERS`), or the aid
 * brought in (see `AID`). Reports of one front share their places, their actors and much of
 * their wording whichever side they tell, yet a reader follows them as different stories: "the
 * civilians leaving Eastern Ghouta" is news of its own beside "air strikes on Eastern Ghouta".
 *
 * Words are matched as headline term skeletons (see {@link skeleton}), so their inflections
 * count too ("نازحون", "النازحين"). Left out: words whose skeleton is also a common word of
 * another sense ("خروج" and "الخارجية" share theirs; so do "مغادرة" and a leader's departure).
 */
const DISPLACEMENT_WORDS =
  'نازح نازحون النازحين نزوح نزح تهجير مهجرين يفرون فرار فروا الفارين ممرات إجلاء لاجئين اللاجئين يشرد تشريد';
const COMBAT_WORDS =
  'قتل مقتل قتلى قتيلا قتيل يقتل غارة غارات قصف صاروخ صاروخية صواريخ هجوم هجمات قذيفة قذائف معارك اشتباكات تحرير ضربة ضربات ضحايا استهداف تطوق تطويق طوقت';

/**
 * Fighters leaving under a deal (a convoy of them, the talks on it): a third side, news of its
 * own beside the fighting and the civilians' flight ("the Army of Islam's fighters leave Douma"
 * beside "the chemical attack on Douma"). A headline tells it when it names fighters and their
 * leaving or the deal; matched as terms, not skeletons ("خروج" and "الخارجية" share one).
 */
const FIGHTERS = new Set(terms('مسلحين مسلحي مسلحو المقاتلين مقاتلي الفصائل'));
const LEAVING = new Set(
  terms(
    'إجلاء لإجلاء إخلاء إخراج لإخراج خروج خروجا بخروج مخرج مخرجا يغادرون تغادر مغادرة اتفاق لاتفاق تفاوض مفاوضات الدفعة حافلات',
  ),
);

/**
 * Humanitarian aid brought in (a convoy, its delivery, its delay): a side of its own, most often
 * told "despite the shelling", so it outweighs the fighting words beside it; aid for the
 * displaced is news of their flight. Matched on the headline's words as written: light stemming
 * gives "مساعدات" (aid) the stem of "مساعد" (an aide) and "مساعدة" (help).
 */
const AID = /(?:^|[^\u0621-\u064A])(?:[وفبل]|[وفب]?ال|لل)?(?:مساعدات|[اإ]غاث)/;

const skeletons = (words: string): ReadonlySet<string> => new Set(terms(words).map(skeleton));
const DISPLACEMENT = skeletons(DISPLACEMENT_WORDS);
const COMBAT = skeletons(COMBAT_WORDS);

/**
 * What a headline tells of a war story: only one side counts; a headline naming the fleeing and
 * the fighting tells neither, fighters leaving amid the fighting tell the fighting, and aid
 * brought in amid it tells the aid.
 */
export const Aspect = { None: 0, Displacement: 1, Combat: 2, Evacuation: 3, Aid: 4 } as const;
export type Aspect = (typeof Aspect)[keyof typeof Aspect];

/**
 * Terms whose skeleton is a combat word's but that name people, not fighting: "المقاتلين" (the
 * fighters, leaving in a convoy) shares "مقتل"'s (the killing of).
 */
const NOT_COMBAT = new Set(terms('مقاتل مقاتلون المقاتلين'));

/**
 * Words after which a combat word is part of a group's name: "هيئة تحرير الشام" (the
 * Organisation for the Liberation of the Levant), "جبهة تحرير سوريا"; its fighters leaving
 * under a deal are no fighting.
 */
const IN_A_NAME = new Set(terms('هيئة جبهة'));

/**
 * The aspect of a headline, from its terms (as {@link terms} gives them) and, for aid, its
 * words as written.
 */
export function headlineAspect(titleTerms: readonly string[], title = ''): Aspect {
  let displacement = false;
  let combat = false;
  let fighters = false;
  let leaving = false;
  titleTerms.forEach((term, i) => {
    const t = skeleton(term);
    if (DISPLACEMENT.has(t)) displacement = true;
    if (COMBAT.has(t) && !NOT_COMBAT.has(term) && !IN_A_NAME.has(titleTerms[i - 1] ?? '')) {
      combat = true;
    }
    if (FIGHTERS.has(term)) fighters = true;
    if (LEAVING.has(term)) leaving = true;
  });
  if (AID.test(title) && !displacement && !(fighters && leaving)) return Aspect.Aid;
  if (fighters && leaving && !combat) return Aspect.Evacuation;
  if (displacement === combat) return Aspect.None;
  return displacement ? Aspect.Displacement : Aspect.Combat;
}

/**
 * The aspect of a group of headlines: the one at least `share` of them tell, when no more than
 * a quarter tell the other.
 */
export function groupAspect(
  displacement: number,
  combat: number,
  size: number,
  share: number,
  evacuation = 0,
  aid = 0,
): Aspect {
  const sides: [Aspect, number][] = [
    [Aspect.Displacement, displacement],
    [Aspect.Combat, combat],
    [Aspect.Evacuation, evacuation],
    [Aspect.Aid, aid],
  ];
  for (const [side, n] of sides) {
    if (n >= share * size && sides.every(([o, m]) => o === side || m <= size / 4)) return side;
  }
  return Aspect.None;
}
