// Whole numbers and plural forms in English and French without Intl. Counts are on
// the first screen, and the web view builds its first Intl.NumberFormat and
// Intl.PluralRules in ~4 and ~9 ms (its ICU set-up, once per page): the start-up's
// critical path (BENCHMARKS.md). Anything else (fractions, -0, huge values) goes to
// Intl; numbers.test.ts checks both functions against Intl.
import type { Lang } from '../lib/bindings';

/** CLDR's group separators: a comma in English, a narrow no-break space in French. */
const GROUP: Record<Lang, string> = { en: ',', fr: '\u202f' };

/** `value` as Intl.NumberFormat(lang) writes it, when it is a safe integer; else null. */
export function formatWhole(value: number, lang: Lang): string | null {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return null;
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += GROUP[lang] + digits.slice(i, i + 3);
  return value < 0 ? `-${grouped}` : grouped;
}

/**
 * Whether `count` takes the singular (CLDR's "one"): 1 in English; 0 and 1 in French.
 * Null when it is not a safe integer (the caller asks Intl.PluralRules).
 */
export function isOne(count: number, lang: Lang): boolean | null {
  if (!Number.isSafeInteger(count)) return null;
  const whole = Math.abs(count);
  return lang === 'fr' ? whole <= 1 : whole === 1;
}
