/**
 * Verbs of saying that open a reported sentence ("قال الوزير إن…", "أضافت أن…"), masculine and
 * feminine: what follows is someone's words. The key-point engine and story assembly each add
 * the verbs their own test needs.
 */
export const SAYING_VERBS: readonly string[] = [
  'قال',
  'قالت',
  'أضاف',
  'أضافت',
  'تابع',
  'تابعت',
  'أوضح',
  'أوضحت',
];
