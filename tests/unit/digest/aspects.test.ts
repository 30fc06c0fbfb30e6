import { describe, expect, it } from 'vitest';
import { terms } from '../../../src/arabic/index.js';
import { Aspect, groupAspect, headlineAspect } from '../../../src/digest/aspects.js';

const aspectOf = (title: string): Aspect => headlineAspect(terms(title), title);

describe('headlineAspect', () => {
  it.each([
    ['آلاف المدنيين يفرون من البلدة', Aspect.Displacement],
    ['الأمم المتحدة: نزوح عشرات الآلاف', Aspect.Displacement],
    ['ممرات آمنة لإجلاء الجرحى', Aspect.Displacement],
    ['مقتل 15 مدنيا في غارة جوية', Aspect.Combat],
    ['قصف صاروخي على سوق مزدحم', Aspect.Combat],
    ['معارك عنيفة على أطراف المدينة', Aspect.Combat],
    // The fighters (مقاتلين) leaving share a skeleton with "the killing of" (مقتل), but tell
    // of their leaving, not of the fighting.
    ['دفعة جديدة من المقاتلين تغادر البلدة', Aspect.Evacuation],
    ['اتفاق لإجلاء مقاتلي الفصيل إلى الشمال', Aspect.Evacuation],
    ['الحكومة تقبل طلب تفاوض تقدم به مسلحو المدينة', Aspect.Evacuation],
    // Fighters killed as they left: a report of the fighting.
    ['مقتل مسلحين في قصف على حافلات خروجهم', Aspect.Combat],
    // Aid delivered, or held up, "despite the shelling": a report of the aid.
    ['قافلة إغاثة تدخل البلدة', Aspect.Aid],
    ['دخول مساعدات غذائية رغم استمرار القصف', Aspect.Aid],
    // An offer of a way out ("خروجا آمنا", "مخرجا آمنا") to the fighters is a deal for their leaving.
    ['عرض على المسلحين في البلدة خروجا آمنا', Aspect.Evacuation],
    ['الجيش يعرض على المسلحين مخرجا آمنا', Aspect.Evacuation],
    // A convoy of fighters leaving is their leaving.
    ['قافلة المسلحين تغادر المدينة', Aspect.Evacuation],
    // Aid for the displaced is news of their flight.
    ['مساعدات للنازحين من المدينة', Aspect.Displacement],
    // An offensive told by its encirclement, its victims, its targets.
    ['قوات الجيش تطوق أكبر بلدتين في الريف', Aspect.Combat],
    ['ارتفاع عدد الضحايا في الريف المحاصر', Aspect.Combat],
    ['استهداف مستشفى في البلدة', Aspect.Combat],
    // "Liberation" in a group's name is no battle: its fighters leaving are their leaving.
    ['مقاتلون من هيئة تحرير الشام يغادرون البلدة', Aspect.Evacuation],
    ['قوات الجيش تعلن تحرير البلدة', Aspect.Combat],
  ])('reads "%s" as one side', (title, aspect) => {
    expect(aspectOf(title)).toBe(aspect);
  });

  it.each([
    ['القصف يقتل أطفالا ويشرد الآلاف'],
    ['وزير الخارجية يزور العاصمة'],
    ['انتخابات الرئاسة في أرقام'],
    // "The foreign ministry" (الخارجية) is not a leaving (خروج), nor an agreement a deal of fighters.
    ['وزير الخارجية يلتقي الفصائل'],
    // An aide (مساعد) and help (مساعدة) share aid's stem, not its word.
    ['الرئيس يقيل مساعده الخاص'],
    ['الشرطة تطلب مساعدة العامة'],
    // A film director (مخرج) is no way out.
    ['مخرج سينمائي يفوز بجائزة المهرجان'],
  ])('reads "%s" as neither (both sides, or no war)', (title) => {
    expect(aspectOf(title)).toBe(Aspect.None);
  });
});

describe('groupAspect', () => {
  it('needs the share of headlines, and few of the other side', () => {
    expect(groupAspect(2, 0, 5, 0.4)).toBe(Aspect.Displacement);
    expect(groupAspect(1, 0, 5, 0.4)).toBe(Aspect.None);
    expect(groupAspect(0, 3, 5, 0.4)).toBe(Aspect.Combat);
    expect(groupAspect(2, 3, 5, 0.4)).toBe(Aspect.None);
    expect(groupAspect(0, 1, 5, 0.4, 3)).toBe(Aspect.Evacuation);
    expect(groupAspect(0, 2, 5, 0.4, 3)).toBe(Aspect.None);
    expect(groupAspect(0, 1, 4, 0.4, 0, 2)).toBe(Aspect.Aid);
  });
});
