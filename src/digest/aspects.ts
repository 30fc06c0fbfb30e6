import { terms } from '../arabic/index.js';
import { skeleton } from './features.js';

/**
 * The two sides of a war story a headline can be about: people fleeing it (the displaced, the
 * evacuated, the refugees and the corridors they leave by) or the fighting itself (strikes,
 * shelling, the dead, battles). Reports of one front share their places, their actors and much
 * of their wording whichever side they tell, yet a reader follows them as two stories: "the
 * civilians leaving Eastern Ghouta" is news of its own beside "air strikes on Eastern Ghouta".
 *
 * Words are matched as headline term skeletons (see {@link skeleton}), so their inflections
 * count too ("نازحون", "النازحين"). Left out: words whose skeleton is also a common word of
 * another sense ("خروج" and "الخارجية" share theirs; so do "مغادرة" and a leader's departure).
 */
const DISPLACEMENT_WORDS =
  'نازح نازحون النازحين نزوح نزح تهجير مهجرين يفرون فرار فروا الفارين ممرات إجلاء لاجئين اللاجئين يشرد تشريد';
const COMBAT_WORDS =
  'قتل مقتل قتلى قتيلا قتيل يقتل غارة غارات قصف صاروخ صاروخية صواريخ هجوم هجمات قذيفة قذائف معارك اشتباكات تحرير ضربة ضربات';

const skeletons = (words: string): ReadonlySet<string> => new Set(terms(words).map(skeleton));
const DISPLACEMENT = skeletons(DISPLACEMENT_WORDS);
const COMBAT = skeletons(COMBAT_WORDS);

/** What a headline tells of a war story: only one side counts; a headline naming both tells neither. */
export const Aspect = { None: 0, Displacement: 1, Combat: 2 } as const;
export type Aspect = (typeof Aspect)[keyof typeof Aspect];

/**
 * Terms whose skeleton is a combat word's but that name people, not fighting: "المقاتلين" (the
 * fighters, leaving in a convoy) shares "مقتل"'s (the killing of).
 */
const NOT_COMBAT = new Set(terms('مقاتل مقاتلون المقاتلين'));

/** The aspect of a headline, from its terms (as {@link terms} gives them). */
export function headlineAspect(titleTerms: readonly string[]): Aspect {
  let displacement = false;
  let combat = false;
  for (const term of titleTerms) {
    const t = skeleton(term);
    if (DISPLACEMENT.has(t)) displacement = true;
    if (COMBAT.has(t) && !NOT_COMBAT.has(term)) combat = true;
  }
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
): Aspect {
  if (displacement >= share * size && combat <= size / 4) return Aspect.Displacement;
  if (combat >= share * size && displacement <= size / 4) return Aspect.Combat;
  return Aspect.None;
}
