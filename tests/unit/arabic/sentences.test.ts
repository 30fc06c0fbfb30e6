import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../../src/arabic/index.js';

describe('splitSentences', () => {
  it.each<[string, string, string[]]>([
    [
      'splits on a full stop followed by a space',
      'وصل الوفد. بدأت المحادثات.',
      ['وصل الوفد.', 'بدأت المحادثات.'],
    ],
    [
      'splits on the Arabic question mark',
      'هل انتهت الأزمة؟ لا أحد يعرف.',
      ['هل انتهت الأزمة؟', 'لا أحد يعرف.'],
    ],
    [
      'splits on an exclamation mark',
      'يا له من فوز! احتفل الجمهور.',
      ['يا له من فوز!', 'احتفل الجمهور.'],
    ],
    [
      'keeps clauses joined by the Arabic semicolon and comma together',
      'تأجل الاجتماع؛ إذ لم يكتمل النصاب، وفق المصادر.',
      ['تأجل الاجتماع؛ إذ لم يكتمل النصاب، وفق المصادر.'],
    ],
    [
      'splits at a full stop with no space before an Arabic letter',
      'يرجعه البعض إلى نوح.وتعني كلمة العود الخشب.',
      ['يرجعه البعض إلى نوح.', 'وتعني كلمة العود الخشب.'],
    ],
    [
      'splits at a full stop preceded by a space and glued to the next word',
      'تعني الخشب .فالعود آلة وترية.',
      ['تعني الخشب .', 'فالعود آلة وترية.'],
    ],
    [
      'keeps decimals whole',
      'ارتفع المؤشر 3.5 نقطة. ثم استقر.',
      ['ارتفع المؤشر 3.5 نقطة.', 'ثم استقر.'],
    ],
    [
      'keeps dates whole',
      'وقع الاتفاق في 31/8/2021 وفي 31.8.2021 أيضا. انتهى.',
      ['وقع الاتفاق في 31/8/2021 وفي 31.8.2021 أيضا.', 'انتهى.'],
    ],
    [
      'does not split after a one-letter Arabic abbreviation',
      'قال د. أحمد إن أ.د. سمير سيحضر. ثم غادر.',
      ['قال د. أحمد إن أ.د. سمير سيحضر.', 'ثم غادر.'],
    ],
    [
      'splits after an era marker that follows a year',
      'ولد عام 1950 م. ثم سافر.',
      ['ولد عام 1950 م.', 'ثم سافر.'],
    ],
    [
      'does not split after Latin initials or abbreviations',
      'التقى J. Smith مع Dr. Brown في واشنطن. ثم عاد.',
      ['التقى J. Smith مع Dr. Brown في واشنطن.', 'ثم عاد.'],
    ],
    [
      'does not split inside Latin initials spelled in Arabic ("إتش. آر.", "سي.آي.إيه")',
      'عين الرئيس جيه. دبليو. كارتر مستشارا. وأكدت الوكالة سي.آي.إيه الخبر. وتحطمت مروحية من طراز إتش.إتش-60 أمس.',
      [
        'عين الرئيس جيه. دبليو. كارتر مستشارا.',
        'وأكدت الوكالة سي.آي.إيه الخبر.',
        'وتحطمت مروحية من طراز إتش.إتش-60 أمس.',
      ],
    ],
    [
      'ends a sentence on one spelled letter that starts no chain ("بي بي سي.")',
      'نقلت الخبر بي بي سي. وقال مسؤول إن التحقيق مستمر.',
      ['نقلت الخبر بي بي سي.', 'وقال مسؤول إن التحقيق مستمر.'],
    ],
    [
      'keeps URLs whole',
      'راجع https://example.com/a.b?x=1 للمزيد. شكرا.',
      ['راجع https://example.com/a.b?x=1 للمزيد.', 'شكرا.'],
    ],
    [
      'keeps a bare www address and a domain whole',
      'زوروا www.example.org أو news.example.com. شكرا.',
      ['زوروا www.example.org أو news.example.com.', 'شكرا.'],
    ],
    [
      'keeps e-mail addresses whole',
      'راسلوا info.desk@example.co.uk. سنرد.',
      ['راسلوا info.desk@example.co.uk.', 'سنرد.'],
    ],
    [
      'keeps a guillemet quote with its sentence',
      'قال الوزير: «انتهى الأمر. لن نتراجع». ثم غادر.',
      ['قال الوزير: «انتهى الأمر. لن نتراجع».', 'ثم غادر.'],
    ],
    [
      'ends the sentence after a closing quote that follows the full stop',
      'قال: «انتهى الأمر.» ثم غادر.',
      ['قال: «انتهى الأمر.»', 'ثم غادر.'],
    ],
    [
      'keeps curly double quotes with their sentence',
      'وأضاف: “نحن هنا. ولن نغادر” بحسب الوكالة. انتهى.',
      ['وأضاف: “نحن هنا. ولن نغادر” بحسب الوكالة.', 'انتهى.'],
    ],
    [
      'keeps straight double quotes with their sentence',
      'قال: "نحن هنا. لن نغادر." وأضاف آخر.',
      ['قال: "نحن هنا. لن نغادر."', 'وأضاف آخر.'],
    ],
    [
      'handles mixed Arabic and Latin text',
      'أعلنت شركة Apple عن iPhone 15. The launch is in Cupertino. وحضر الإطلاق صحفيون.',
      ['أعلنت شركة Apple عن iPhone 15.', 'The launch is in Cupertino.', 'وحضر الإطلاق صحفيون.'],
    ],
    [
      'treats each bullet as a sentence and drops its marker',
      'أبرز النقاط:\n- خفض الضرائب\n• دعم الصادرات\n1. تحسين الخدمات\n2) رفع الأجور',
      ['أبرز النقاط:', 'خفض الضرائب', 'دعم الصادرات', 'تحسين الخدمات', 'رفع الأجور'],
    ],
    [
      'ends a sentence at a line break (a title line)',
      'عنوان الخبر\nنص الخبر الأول. والثاني.',
      ['عنوان الخبر', 'نص الخبر الأول.', 'والثاني.'],
    ],
    ['handles Windows line breaks', 'سطر أول.\r\nسطر ثان.', ['سطر أول.', 'سطر ثان.']],
    ['treats an ellipsis as an end', 'وانتظرنا… ثم جاء الرد.', ['وانتظرنا…', 'ثم جاء الرد.']],
    ['keeps ?! together', 'معقول؟! نعم.', ['معقول؟!', 'نعم.']],
    ['returns nothing for empty or blank text', '  \n\t\n', []],
    ['keeps a sentence without final punctuation', 'خبر بلا نقطة', ['خبر بلا نقطة']],
  ])('%s', (_name, input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });

  it('joins hard-wrapped lines back into sentences', () => {
    const wrapped = [
      'أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية واسعة للتطعيم ضد',
      'الإنفلونزا الموسمية في جميع المحافظات، وذلك بالتعاون مع المنظمات',
      'الدولية والجمعيات الأهلية المعنية بالصحة العامة.',
      'وأوضح المتحدث باسم الوزارة أن الحملة تستهدف كبار السن والأطفال',
      'والمصابين بأمراض مزمنة، وستستمر لمدة ثلاثة أسابيع متتالية.',
    ].join('\n');
    expect(splitSentences(wrapped)).toEqual([
      'أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية واسعة للتطعيم ضد الإنفلونزا الموسمية في جميع المحافظات، وذلك بالتعاون مع المنظمات الدولية والجمعيات الأهلية المعنية بالصحة العامة.',
      'وأوضح المتحدث باسم الوزارة أن الحملة تستهدف كبار السن والأطفال والمصابين بأمراض مزمنة، وستستمر لمدة ثلاثة أسابيع متتالية.',
    ]);
  });

  it('does not join paragraph-per-line text', () => {
    const text = 'الفقرة الأولى تنتهي هنا.\nالفقرة الثانية بلا نقطة\nالفقرة الثالثة.';
    expect(splitSentences(text)).toEqual([
      'الفقرة الأولى تنتهي هنا.',
      'الفقرة الثانية بلا نقطة',
      'الفقرة الثالثة.',
    ]);
  });

  it('returns sentences in their original, un-normalized form', () => {
    expect(splitSentences('قالَ الرئيسُ: «إنّ الوضعَ مستقرّ». انتهى.')).toEqual([
      'قالَ الرئيسُ: «إنّ الوضعَ مستقرّ».',
      'انتهى.',
    ]);
  });

  it('splits a 2 MB line with no punctuation quickly and without error', () => {
    const line = 'كلمة '.repeat(400_000);
    const started = performance.now();
    const out = splitSentences(line);
    expect(out).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('copes with many unclosed quotes and brackets in linear time', () => {
    const text = '«( "'.repeat(50_000) + 'نهاية.';
    const started = performance.now();
    expect(splitSentences(text).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('splitParagraphs', () => {
  it('drops empty lines and bullet markers', () => {
    expect(splitParagraphs('أول.\n\n  - ثان.\n\t\n* ثالث')).toEqual(['أول.', 'ثان.', 'ثالث']);
  });
});

describe('splitSentences on adversarial input', () => {
  it('stays linear with many openers followed by many unmatched closers', () => {
    const text = '('.repeat(100_000) + '»'.repeat(100_000) + ' نص.';
    const started = performance.now();
    expect(splitSentences(text).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
