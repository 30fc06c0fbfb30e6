/**
 * The one-line notice shown above an untranslated digest or answer, in the reader's language.
 * The bot may use its own strings; these are the translator's defaults.
 */
import type { TranslationOutcome } from './port.js';

type Reason = NonNullable<TranslationOutcome['fallback']>;

const NOTICES: Record<string, Record<'off' | 'busy', string>> = {
  en: {
    off: 'Translation is not set up on this bot, so here is the Arabic original.',
    busy: 'Translation is unavailable right now, so here is the Arabic original.',
  },
  fr: {
    off: "La traduction n'est pas configurée sur ce bot : voici l'original en arabe.",
    busy: "La traduction est indisponible pour le moment : voici l'original en arabe.",
  },
  es: {
    off: 'La traducción no está configurada en este bot; aquí está el original en árabe.',
    busy: 'La traducción no está disponible ahora; aquí está el original en árabe.',
  },
  de: {
    off: 'Übersetzung ist für diesen Bot nicht eingerichtet, hier ist das arabische Original.',
    busy: 'Übersetzung ist gerade nicht verfügbar, hier ist das arabische Original.',
  },
  ru: {
    off: 'Перевод в этом боте не настроен, поэтому вот оригинал на арабском.',
    busy: 'Перевод сейчас недоступен, поэтому вот оригинал на арабском.',
  },
  tr: {
    off: 'Bu botta çeviri ayarlanmamış; Arapça orijinali aşağıdadır.',
    busy: 'Çeviri şu anda kullanılamıyor; Arapça orijinali aşağıdadır.',
  },
  zh: {
    off: '此机器人未设置翻译，以下为阿拉伯语原文。',
    busy: '翻译暂时不可用，以下为阿拉伯语原文。',
  },
};

/** The notice for a fallback, in `language` (English when there is none in that language). */
export function fallbackNotice(reason: Reason, language: string): string {
  const set = NOTICES[language.toLowerCase().split(/[-_]/)[0]!] ?? NOTICES.en!;
  return reason === 'not-configured' ? set.off : set.busy;
}
