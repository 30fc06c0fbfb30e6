/**
 * What a reader reads, built from articles and sent through the real telegraf client: words
 * whose first letter is و stay whole, outlet datelines, "read more" lines and hashtag
 * underscores never reach the message, and one story's points do not repeat each other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain.js';
import { buildDigest } from '../../../src/digest/index.js';
import { buttonsOf, startHarness, texts, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NOW = new Date('2026-11-28T10:00:00Z');

function article(i: number, outlet: string, title: string, text: string): Article {
  const at = new Date(NOW.getTime() - i * 600_000).toISOString();
  return {
    id: `a${i}`,
    url: `https://news${i}.example/story/${i}`,
    sourceId: outlet.toLowerCase(),
    sourceName: outlet,
    title,
    text,
    publishedAt: at,
    fetchedAt: at,
    language: 'ar',
  };
}

const ARTICLES = [
  article(
    1,
    'Alpha',
    'واشنطن ترحب باتفاق الهدنة في اليمن',
    'واشنطن، الولايات المتحدة الأمريكية (CNN)-- وافقت واشنطن على دعم اتفاق الهدنة الجديد في اليمن بعد محادثات طويلة استمرت أسبوعين في العاصمة العمانية.\nوقال المتحدث إن وائل الحسيني واصلت لجنته العمل على تفاصيل الاتفاق مع الأطراف اليمنية كافة.\nللمزيد: اقرأ أيضا تقارير سابقة عن اليمن\n#حركة_السلام تدعو إلى احترام الهدنة في كل المحافظات اليمنية.',
  ),
  article(
    2,
    'Beta',
    'ترحيب أمريكي باتفاق الهدنة في اليمن',
    'رحبت واشنطن بالاتفاق الذي أعلن في مسقط لوقف إطلاق النار في اليمن، ووافقت على إرسال مراقبين.\nوأضاف وزير الخارجية أن الهدنة تشمل كل الجبهات اليمنية وتبدأ منتصف الليل.\nشاهد: فيديو من مسقط',
  ),
  article(
    3,
    'Gamma',
    'الهدنة في اليمن: واشنطن توافق على دعم الاتفاق',
    'وافقت واشنطن على دعم اتفاق الهدنة في اليمن، وقالت إنها ستراقب تنفيذه في كل المحافظات.\nوتابع البيان أن واشنطن ستقدم مساعدات إنسانية عاجلة.',
  ),
];

describe('the words of each key point, as sent', () => {
  it('keeps root و, drops datelines and boilerplate, and repeats nothing', async () => {
    const digest = buildDigest(ARTICLES, { now: NOW, windowHours: 24 });
    expect(digest.stories.length).toBeGreaterThan(0);
    h = await startHarness({ digest });
    const chatId = 71;
    const calls = await h.say({ chatId, text: '/digest', languageCode: 'ar' });
    const [open] = buttonsOf(calls.find((c) => c.method === 'sendMessage'));
    const story = texts(await h.press({ chatId, data: open!.callback_data }))[0]!;
    const all = `${texts(calls).join('\n')}\n${story}`;
    // a و that is part of the word is never clipped
    expect(all).not.toMatch(/(^|[\s"«(])(افقت|اشنطن|ائل|اصلت)/m);
    expect(all).toContain('واشنطن');
    // outlet datelines, read-more and watch lines, hashtag underscores
    expect(all).not.toContain('(CNN)');
    expect(all).not.toMatch(/الولايات المتحدة الأمريكية \(/);
    expect(all).not.toContain('للمزيد');
    expect(all).not.toContain('اقرأ أيضا');
    expect(all).not.toContain('شاهد:');
    expect(all).not.toContain('_');
    // the story's points share at most half their words with each other
    const points = story
      .split('\n')
      .filter((l) => l.includes('•'))
      .map(
        (l) =>
          new Set(
            l
              .replace(/[•\u200f]/g, '')
              .split(/\s+/)
              .filter((w) => w.length > 2),
          ),
      );
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const [a, b] = [points[i]!, points[j]!];
        const shared = [...a].filter((w) => b.has(w)).length;
        expect(shared / Math.min(a.size, b.size)).toBeLessThanOrEqual(0.5);
      }
    }
  });
});
