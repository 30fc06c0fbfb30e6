/**
 * The one-line notice shown above an untranslated digest or answer, in the reader's language,
 * saying what happened: no translation on this bot, the daily limit reached (and when it comes
 * back), or the provider failing (retried later). The bot may use its own strings; these are
 * the translator's defaults.
 */
import type { TranslationOutcome } from './port.js';

type Reason = NonNullable<TranslationOutcome['fallback']>;

interface Notices {
  off: string;
  /** {time}: when the daily limit resets, in the reader's zone. */
  limit: string;
  limitTomorrow: string;
  failing: string;
}

const NOTICES: Record<string, Notices> = {
  en: {
    off: 'Translation is not set up on this bot, so here is the Arabic original.',
    limit: 'Daily translation limit reached, back at {time}. Here is the Arabic original.',
    limitTomorrow: 'Daily translation limit reached, back tomorrow. Here is the Arabic original.',
    failing: 'Translation is failing, retrying later. Here is the Arabic original.',
  },
  fr: {
    off: "La traduction n'est pas configurée sur ce bot : voici l'original en arabe.",
    limit: "Limite quotidienne de traduction atteinte, retour à {time}. Voici l'original en arabe.",
    limitTomorrow:
      "Limite quotidienne de traduction atteinte, retour demain. Voici l'original en arabe.",
    failing: "La traduction échoue, nouvel essai plus tard. Voici l'original en arabe.",
  },
  es: {
    off: 'La traducción no está configurada en este bot; aquí está el original en árabe.',
    limit:
      'Límite diario de traducción alcanzado, vuelve a las {time}. Aquí está el original en árabe.',
    limitTomorrow:
      'Límite diario de traducción alcanzado, vuelve mañana. Aquí está el original en árabe.',
    failing:
      'La traducción está fallando, se reintentará más tarde. Aquí está el original en árabe.',
  },
  de: {
    off: 'Übersetzung ist für diesen Bot nicht eingerichtet, hier ist das arabische Original.',
    limit:
      'Tageslimit für Übersetzungen erreicht, wieder ab {time}. Hier ist das arabische Original.',
    limitTomorrow:
      'Tageslimit für Übersetzungen erreicht, wieder ab morgen. Hier ist das arabische Original.',
    failing: 'Die Übersetzung schlägt fehl, neuer Versuch später. Hier ist das arabische Original.',
  },
  ru: {
    off: 'Перевод в этом боте не настроен, поэтому вот оригинал на арабском.',
    limit: 'Дневной лимит перевода исчерпан, снова в {time}. Вот оригинал на арабском.',
    limitTomorrow: 'Дневной лимит перевода исчерпан, снова завтра. Вот оригинал на арабском.',
    failing: 'Перевод не работает, повторим позже. Вот оригинал на арабском.',
  },
  tr: {
    off: 'Bu botta çeviri ayarlanmamış; Arapça orijinali aşağıdadır.',
    limit:
      'Günlük çeviri sınırına ulaşıldı, {time} itibarıyla yeniden. Arapça orijinali aşağıdadır.',
    limitTomorrow: 'Günlük çeviri sınırına ulaşıldı, yarın yeniden. Arapça orijinali aşağıdadır.',
    failing: 'Çeviri başarısız oluyor, daha sonra yeniden denenecek. Arapça orijinali aşağıdadır.',
  },
  zh: {
    off: '此机器人未设置翻译，以下为阿拉伯语原文。',
    limit: '今日翻译额度已用完，{time} 恢复。以下为阿拉伯语原文。',
    limitTomorrow: '今日翻译额度已用完，明天恢复。以下为阿拉伯语原文。',
    failing: '翻译出错，稍后重试。以下为阿拉伯语原文。',
  },
};

/**
 * The notice for a fallback, in `language` (English when there is none in that language).
 * `resetAt` is when the daily limit comes back, as the reader reads a clock ("03:00").
 * @example fallbackNotice('budget', 'en', { resetAt: '03:00' })
 * // 'Daily translation limit reached, back at 03:00. Here is the Arabic original.'
 */
export function fallbackNotice(
  reason: Reason,
  language: string,
  opts: { resetAt?: string } = {},
): string {
  const set = NOTICES[language.toLowerCase().split(/[-_]/)[0]!] ?? NOTICES.en!;
  switch (reason) {
    case 'not-configured':
      return set.off;
    case 'budget':
    case 'reader-budget':
      return opts.resetAt ? set.limit.replace('{time}', opts.resetAt) : set.limitTomorrow;
    case 'error':
      return set.failing;
  }
}
