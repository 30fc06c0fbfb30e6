import { describe, expect, it } from 'vitest';
import { STOPWORDS, isStopword, normalize } from '../../../src/arabic/index.js';

describe('stopwords', () => {
  it.each(['في', 'من', 'علي', 'الي', 'التي', 'الذي', 'هذا', 'وفي', 'ان', 'كان'])(
    '%j is a stopword',
    (w) => {
      expect(isStopword(w)).toBe(true);
    },
  );

  it.each(['حكومه', 'زياره', 'مليون', 'افغانستان', 'قال'])('%j is not a stopword', (w) => {
    expect(isStopword(w)).toBe(false);
  });

  it('holds only normalized forms', () => {
    for (const w of STOPWORDS) expect(normalize(w)).toBe(w);
  });
});
