import { describe, expect, it } from 'vitest';
import { isRedundant, pointKeys } from '../../../src/digest/story.js';

describe('cross-outlet redundancy of story points', () => {
  it.each([
    [
      'two outlets opening with the same event in other words',
      'افتتحت في عمان اليوم القمة الإقليمية للأمن المائي التي تجمع عشر دول عربية لبحث مواجهة الجفاف.',
      'انطلقت صباح اليوم في العاصمة الأردنية عمان أعمال القمة الإقليمية للأمن المائي بمشاركة عشر دول عربية.',
      true,
    ],
    [
      'the same event, a different fact',
      'افتتحت في عمان اليوم القمة الإقليمية للأمن المائي التي تجمع عشر دول عربية لبحث مواجهة الجفاف.',
      'دعا الأمين العام للقمة إلى تأسيس صندوق إقليمي يمول محطات التحلية ومشاريع معالجة المياه.',
      false,
    ],
  ])('%s', (_name, a, b, redundant) => {
    expect(isRedundant(pointKeys(a), pointKeys(b))).toBe(redundant);
  });
});
