import { describe, expect, it } from 'vitest';
import { frontPlaces, mayNamePlace } from '../../../src/digest/places.js';
import { seededRandom } from '../../../src/digest/synthetic.js';

describe('frontPlaces', () => {
  it('names a place and the places it lies within', () => {
    expect(frontPlaces('قوات النظام تدخل حمورية').sort()).toEqual(['ghouta', 'hamouriyeh']);
    expect(frontPlaces('قتلى في غارة على مطار التيفور').sort()).toEqual(['homs', 't4']);
  });

  it('reads a name behind one proclitic letter, with or without the article', () => {
    expect(frontPlaces('التحالف يدمر تعزيزات حوثية بالحديدة')).toEqual(['hodeidah']);
    expect(frontPlaces('تقدم جديد في صعدة')).toEqual(['saada']);
    expect(frontPlaces('مساعدات للغوطة').sort()).toEqual(['ghouta']);
    expect(frontPlaces('مساعدات ولعفرين').sort()).toEqual(['afrin']);
  });

  it('names none for a headline on two fronts, all for two places of one', () => {
    expect(frontPlaces('تقدم في صعدة وتعز')).toEqual([]);
    expect(frontPlaces('فرار الآلاف من الغوطة وعفرين')).toEqual([]);
    expect(frontPlaces('قافلة تغادر دوما في الغوطة الشرقية').sort()).toEqual(['douma', 'ghouta']);
    expect(frontPlaces('من دوما إلى حمورية').sort()).toEqual(['douma', 'ghouta', 'hamouriyeh']);
  });

  it('matches names of several words, in order', () => {
    expect(frontPlaces('اشتباكات في الضفة الغربية')).toEqual(['west-bank']);
    expect(frontPlaces('الغربية الضفة')).toEqual([]);
    expect(frontPlaces('هجوم على قاعدة "T-4" الجوية')).toEqual(['t4', 'homs']);
  });

  it('does not take a common word or another name for a place', () => {
    // "on the pretext of", the Russian Duma, Casablanca, the White Helmets.
    expect(frontPlaces('اعتقالات بحجة الأمن')).toEqual([]);
    expect(frontPlaces('مجلس الدوما الروسي يصوت')).toEqual([]);
    expect(frontPlaces('مؤتمر في الدار البيضاء')).toEqual([]);
    expect(frontPlaces('الخوذ البيضاء تتهم النظام')).toEqual([]);
    // The Quds Force, a London daily, an exercise called "the nation's protectors".
    expect(frontPlaces('قائد فيلق القدس يزور دمشق')).toEqual([]);
    expect(frontPlaces('صحيفة القدس العربي تكشف')).toEqual([]);
    expect(frontPlaces('ختام تمرين حماة الوطن')).toEqual([]);
    expect(frontPlaces('مسيرة في القدس')).toEqual(['jerusalem']);
    expect(frontPlaces('قصف على ريف حماة')).toEqual(['hama']);
    expect(frontPlaces('سكان دوما يغادرون')).toEqual(['douma', 'ghouta']);
    expect(frontPlaces('غارة على حفل زفاف في حجة')).toEqual(['hajjah']);
  });

  it('leaves out capitals, which headlines use for governments', () => {
    expect(frontPlaces('دمشق ترد على واشنطن والرياض')).toEqual([]);
  });

  it('finds nothing in a headline without Arabic places', () => {
    expect(frontPlaces('')).toEqual([]);
    expect(frontPlaces('Breaking news')).toEqual([]);
  });
});

describe('mayNamePlace', () => {
  it('passes the texts that name a place, however they are written', () => {
    for (const text of [
      'قوات النظام تدخل حمورية',
      'مساعدات للغوطة',
      'وللغوطة نصيب',
      'قتلى في غارة على مطار التيفـــور',
      'غارة على T4 فجرا',
      'الغُوطة الشرقية',
      // A zero-width space or a direction mark inside a name: normalizing deletes it.
      'عف\u200Bرين تحت القصف',
      'في دوما\u200F اليوم',
      'سقوط قذائف على الحديدة…',
    ]) {
      expect(frontPlaces(text), text).not.toEqual([]);
      expect(mayNamePlace(text), text).toBe(true);
    }
  });

  it('turns away a text whose words start no place name', () => {
    expect(mayNamePlace('ترامب يلتقي ماكرون في البيت الأبيض')).toBe(false);
    expect(mayNamePlace('')).toBe(false);
    // A first word inside another word is not it.
    expect(mayNamePlace('محلبية وبلاحلب')).toBe(false);
  });

  it('never turns away a text frontPlaces finds a place in (seeded random texts)', () => {
    const rand = seededRandom(17);
    const pieces = [
      ...['عفرين', 'الغوطة', 'غوطة', 'دوما', 'حلب', 'تي فور', 'T4', 'T 4', 'عين ترما', 'حماة'],
      ...['كفر بطنا', 'معرة النعمان', 'الحديدة', 'الوطن', 'و', 'ب', 'ل', 'ف', 'ك', 'ال', 'ة'],
      ...[' ', ' ', '.', '،', '…', '\u200B', '\u200F', '\u200C', '\u064E', '\u0640', '4', '٤'],
      ...['x', 'أ', 'ى', 'ی', '«'],
    ];
    let named = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const words = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < words; k++) text += pieces[Math.floor(rand() * pieces.length)];
      if (frontPlaces(text).length === 0) continue;
      named++;
      if (!mayNamePlace(text)) expect.fail(`turned away ${JSON.stringify(text)}`);
    }
    expect(named).toBeGreaterThan(1000);
  });
});
