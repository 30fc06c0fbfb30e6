/**
 * The shapes every module shares: articles in, stories and digests out. Zod schemas validate
 * them at the edges (feeds, files, values read back from storage); the types follow from them.
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { z } from 'zod';

/** One outlet that published an article (an article carried by several outlets lists them all). */
export const OutletSchema = z.object({
  sourceId: z.string(),
  name: z.string(),
  url: z.string(),
});
export type Outlet = z.infer<typeof OutletSchema>;

export const ArticleSchema = z.object({
  /** Stable hash of the canonical URL or guid. */
  id: z.string().min(1),
  url: z.string(),
  sourceId: z.string(),
  /** Human name of the source ("Al Jazeera"). */
  sourceName: z.string(),
  title: z.string(),
  text: z.string(),
  /** ISO 8601. */
  publishedAt: z.string(),
  fetchedAt: z.string(),
  /** BCP 47 code, "ar" for Arabic. */
  language: z.string().default('ar'),
  /** Other outlets that carried the identical text. */
  alsoIn: z.array(OutletSchema).optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const StoryArticleSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  url: z.string(),
});

export const StorySchema = z.object({
  /** Stable across days for the same event. */
  id: z.string(),
  title: z.string(),
  points: z.array(z.string()),
  sources: z.array(z.object({ name: z.string(), url: z.string() })),
  articles: z.array(StoryArticleSchema),
  score: z.number(),
  /** True when the story was in the previous digest and comes back with new points. */
  update: z.boolean().optional(),
  /** Latest publication time among its articles (ISO). */
  latestAt: z.string().optional(),
});
export type Story = z.infer<typeof StorySchema>;

export const DigestSchema = z.object({
  id: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  builtAt: z.string(),
  /** Language of the points; digests are built in Arabic and translated per reader. */
  language: z.string().default('ar'),
  stories: z.array(StorySchema),
  /** How many articles of the window it was built from (a later ingest may bring more). */
  articleCount: z.number().int().nonnegative().optional(),
});
export type Digest = z.infer<typeof DigestSchema>;

/**
 * One Telegram message as the bot renders it and the sender sends it: HTML text (Telegram's
 * subset) and, optionally, the inline keyboard under it.
 */
export interface RenderedMessage {
  html: string;
  replyMarkup?: InlineKeyboardMarkup;
}
