// A day ("Mar 1, 2026" / "1 mars 2026") and "… ago" in English and French without
// Intl: the first screen shows both, and the web view's first Intl.DateTimeFormat or
// Intl.RelativeTimeFormat costs ~10 ms (its ICU set-up, once per page), on the
// start-up's critical path (BENCHMARKS.md). The texts are CLDR's, as Intl writes them
// (dates.test.ts checks every month and unit against Intl); other years go to Intl.
import type { Lang } from '../lib/bindings';
import { formatWhole } from './numbers';

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};

/** `date` (local time) as Intl.DateTimeFormat(lang, { dateStyle: 'medium' }) writes it; null outside years 1000–9999. */
export function formatDay(date: Date, lang: Lang): string | null {
  const year = date.getFullYear();
  if (!(year >= 1000 && year <= 9999)) return null;
  const month = MONTHS[lang][date.getMonth()];
  return lang === 'fr' ? `${date.getDate()} ${month} ${year}` : `${month} ${date.getDate()}, ${year}`;
}

export type AgoUnit = 'minute' | 'hour' | 'day';

const UNITS: Record<Lang, Record<AgoUnit, [string, string]>> = {
  en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'] },
  fr: { minute: ['minute', 'minutes'], hour: ['heure', 'heures'], day: ['jour', 'jours'] },
};

/**
 * `count` units ago, as Intl.RelativeTimeFormat(lang, { numeric: 'always' }) writes
 * `format(-count, unit)`; null unless `count` is a whole number of at least 1.
 */
export function formatAgo(count: number, unit: AgoUnit, lang: Lang): string | null {
  const amount = count >= 1 ? formatWhole(count, lang) : null;
  if (amount === null) return null;
  // Singular for 1 only: French counts 0 as singular, but a count here is at least 1.
  const word = UNITS[lang][unit][count === 1 ? 0 : 1];
  return lang === 'fr' ? `il y a ${amount} ${word}` : `${amount} ${word} ago`;
}
