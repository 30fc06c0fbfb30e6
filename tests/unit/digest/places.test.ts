import { describe, expect, it } from 'vitest';
import { namedPlaces } from '../../../src/digest/places.js';

describe('namedPlaces', () => {
  it('names a place and the places it lies within', () => {
    expect(namedPlaces('قوات النظام تدخل حمورية').sort()).toEqual(['ghouta', 'hamouriyeh']);
    expect(namedPlaces('قتلى في غارة على مطار التيفور').sort()).toEqual(['homs', 't4']);
  });

  it('reads a name behind one proclitic letter, with or without the article', () => {
    expect(namedPlaces('التحالف يدمر تعزيزات حوثية بالحديدة')).toEqual(['hodeidah']);
    expect(namedPlaces('تقدم في صعدة وتعز').sort()).toEqual(['saada', 'taiz']);
    expect(namedPlaces('مساعدات للغوطة ولعفرين').sort()).toEqual(['afrin', 'ghouta']);
  });

  it('matches names of several words, in order', () => {
    expect(namedPlaces('اشتباكات في الضفة الغربية')).toEqual(['west-bank']);
    expect(namedPlaces('الغربية الضفة')).toEqual([]);
    expect(namedPlaces('هجوم على قاعدة "T-4" الجوية')).toEqual(['t4', 'homs']);
  });

  it('does not take a common word or another name for a place', () => {
    // "on the pretext of", the Russian Duma, Casablanca, the White Helmets.
    expect(namedPlaces('اعتقالات بحجة الأمن')).toEqual([]);
    expect(namedPlaces('مجلس الدوما الروسي يصوت')).toEqual([]);
    expect(namedPlaces('مؤتمر في الدار البيضاء')).toEqual([]);
    expect(namedPlaces('الخوذ البيضاء تتهم النظام')).toEqual([]);
    // The Quds Force, a London daily, an exercise called "the nation's protectors".
    expect(namedPlaces('قائد فيلق القدس يزور دمشق')).toEqual([]);
    expect(namedPlaces('صحيفة القدس العربي تكشف')).toEqual([]);
    expect(namedPlaces('ختام تمرين حماة الوطن')).toEqual([]);
    expect(namedPlaces('مسيرة في القدس')).toEqual(['jerusalem']);
    expect(namedPlaces('قصف على ريف حماة')).toEqual(['hama']);
    expect(namedPlaces('سكان دوما يغادرون')).toEqual(['douma', 'ghouta']);
    expect(namedPlaces('غارة على حفل زفاف في حجة')).toEqual(['hajjah']);
  });

  it('leaves out capitals, which headlines use for governments', () => {
    expect(namedPlaces('دمشق ترد على واشنطن والرياض')).toEqual([]);
  });

  it('finds nothing in a headline without Arabic places', () => {
    expect(namedPlaces('')).toEqual([]);
    expect(namedPlaces('Breaking news')).toEqual([]);
  });
});
