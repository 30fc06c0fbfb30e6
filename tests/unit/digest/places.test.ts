import { describe, expect, it } from 'vitest';
import { headlinePlaces } from '../../../src/digest/places.js';

describe('headlinePlaces', () => {
  it('names a place and the places it lies within', () => {
    expect(headlinePlaces('قوات النظام تدخل حمورية').sort()).toEqual(['ghouta', 'hamouriyeh']);
    expect(headlinePlaces('قتلى في غارة على مطار التيفور').sort()).toEqual(['homs', 't4']);
  });

  it('reads a name behind one proclitic letter, with or without the article', () => {
    expect(headlinePlaces('التحالف يدمر تعزيزات حوثية بالحديدة')).toEqual(['hodeidah']);
    expect(headlinePlaces('تقدم في صعدة وتعز').sort()).toEqual(['saada', 'taiz']);
    expect(headlinePlaces('مساعدات للغوطة ولعفرين').sort()).toEqual(['afrin', 'ghouta']);
  });

  it('matches names of several words, in order', () => {
    expect(headlinePlaces('اشتباكات في الضفة الغربية')).toEqual(['west-bank']);
    expect(headlinePlaces('الغربية الضفة')).toEqual([]);
    expect(headlinePlaces('هجوم على قاعدة "T-4" الجوية')).toEqual(['t4', 'homs']);
  });

  it('does not take a common word or another name for a place', () => {
    // "on the pretext of", the Russian Duma, Casablanca, the White Helmets.
    expect(headlinePlaces('اعتقالات بحجة الأمن')).toEqual([]);
    expect(headlinePlaces('مجلس الدوما الروسي يصوت')).toEqual([]);
    expect(headlinePlaces('مؤتمر في الدار البيضاء')).toEqual([]);
    expect(headlinePlaces('الخوذ البيضاء تتهم النظام')).toEqual([]);
    expect(headlinePlaces('سكان دوما يغادرون')).toEqual(['douma', 'ghouta']);
    expect(headlinePlaces('غارة على حفل زفاف في حجة')).toEqual(['hajjah']);
  });

  it('leaves out capitals, which headlines use for governments', () => {
    expect(headlinePlaces('دمشق ترد على واشنطن والرياض')).toEqual([]);
  });

  it('finds nothing in a headline without Arabic places', () => {
    expect(headlinePlaces('')).toEqual([]);
    expect(headlinePlaces('Breaking news')).toEqual([]);
  });
});
