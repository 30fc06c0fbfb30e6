import { describe, expect, it } from 'vitest';
import { glossaryToArabic } from '../../../src/digest/glossary.js';

describe('offline glossary for topic questions', () => {
  it.each([
    ['Afghanistan', 'أفغانستان'],
    ['afghanistan', 'أفغانستان'],
    ['  Syria!  ', 'سوريا'],
    ['élections en Irak', 'الانتخابات العراق'],
    ["Egypt's economy", 'مصر الاقتصاد'],
    ['storm in Alexandria', 'عاصفة الإسكندرية'],
    ['états-unis', 'الولايات المتحدة'],
    ['Iraq Irak', 'العراق'],
    // A people or an adjective is its country, in the singular or the plural.
    ['Lebanese elections', 'لبنان الانتخابات'],
    ['élections libanaises', 'الانتخابات لبنان'],
    ['Iraqis', 'العراق'],
    ['les Irakiens', 'العراق'],
    ['Israeli strike', 'إسرائيل'],
    ['yéménite', 'اليمن'],
    // Bodies the news names by their initials in English and French.
    ['OPCW', 'منظمة حظر الأسلحة الكيميائية'],
    ["rapport de l'OIAC", 'منظمة حظر الأسلحة الكيميائية'],
    ['Amnesty International', 'العفو الدولية'],
    // Recurring topics of the news by their common name.
    ['fake news in Egypt', 'الأخبار الكاذبة مصر'],
    ['nerve agent', 'غاز الأعصاب'],
    ['spy poisoning', 'الجاسوس تسميم'],
    // Countries beyond the region, by their news spelling, not letter by letter (هونغاري).
    ['Hungary', 'المجر'],
    ['élections en Hongrie', 'الانتخابات المجر'],
    ['Polish government', 'بولندا'],
    ['Côte d’Ivoire', 'ساحل العاج'],
    ['Sri Lanka', 'سريلانكا'],
  ])('%s → %s', (query, arabic) => {
    expect(glossaryToArabic(query)).toBe(arabic);
  });

  it.each(['Zanzibar', 'hello world', '', '12345', 'Maurice'])('knows nothing of %j', (query) => {
    expect(glossaryToArabic(query)).toBeUndefined();
  });
});
