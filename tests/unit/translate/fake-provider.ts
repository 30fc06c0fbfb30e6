/** A scripted provider for the translator's unit tests: records calls, fails on demand. */
import type { Provider, ProviderBatchResult } from '../../../src/translate/provider.js';

export interface ScriptedProvider extends Provider {
  calls: { texts: string[]; from?: string; to: string }[];
  detectCalls: string[];
  /** Errors thrown by the next calls, in order. */
  failures: unknown[];
  /** Delay of every call, ms. */
  delayMs: number;
  /** The translation of one text (default: the text tagged with the target language). */
  answer: (text: string, to: string) => string;
  readonly chars: number;
}

export function scriptedProvider(limits = { maxSegments: 128, maxChars: 5000 }): ScriptedProvider {
  let chars = 0;
  const p: ScriptedProvider = {
    name: 'google-v2',
    limits,
    calls: [],
    detectCalls: [],
    failures: [],
    delayMs: 0,
    answer: (t, to) => `[${to}] ${t}`,
    get chars() {
      return chars;
    },
    async translateBatch(texts, from, to): Promise<ProviderBatchResult> {
      p.calls.push({ texts, from, to });
      if (p.delayMs) await new Promise((r) => setTimeout(r, p.delayMs));
      const failure = p.failures.shift();
      if (failure) throw failure;
      for (const t of texts) chars += [...t].length;
      return {
        texts: texts.map((t) => p.answer(t, to)),
        detected: from ? undefined : texts.map(() => 'en'),
      };
    },
    async detect(text) {
      p.detectCalls.push(text);
      const failure = p.failures.shift();
      if (failure) throw failure;
      return { language: 'fr', confidence: 0.8 };
    },
    async supportedLanguages() {
      const failure = p.failures.shift();
      if (failure) throw failure;
      return ['ar', 'en', 'fr'];
    },
    async close() {},
  };
  return p;
}

/** An error shaped like the v2 library's ApiError. */
export function apiError(code: number, message = 'failed', reason?: string): Error {
  return Object.assign(new Error(message), {
    code,
    errors: reason ? [{ reason, message }] : [],
  });
}
