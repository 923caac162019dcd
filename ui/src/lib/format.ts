// Dates, money and numbers in the user's language: with Intl, except the whole numbers,
// days and "… ago" the first screen shows (i18n/numbers.ts, i18n/dates.ts).
import { formatAgo, formatDay, type AgoUnit } from '../i18n/dates';
import { formatWhole } from '../i18n/numbers';
import type { Lang, Money } from './bindings';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// One formatter per language and style, made on first use: making one costs far more
// than using it (a first screen made four, a table made one per row).
const formatters = new Map<string, unknown>();

function formatter<F>(key: string, make: () => F): F {
  let format = formatters.get(key) as F | undefined;
  if (format === undefined) formatters.set(key, (format = make()));
  return format;
}

const dayFormat = (lang: Lang) =>
  formatter(`day|${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }));
const momentFormat = (lang: Lang) =>
  formatter(`moment|${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }));

/** A stored date (`YYYY-MM-DD`, a calendar day) or timestamp (RFC 3339) as a Date. */
export function parseDate(value: string): Date | null {
  const day = DAY.exec(value);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A day, e.g. "Mar 1, 2026" / "1 mars 2026"; the raw text if it cannot be read. */
export function formatDate(value: string, lang: Lang): string {
  const date = parseDate(value);
  const r = date ? (formatDay(date, lang) ?? dayFormat(lang).format(date)) : value;
  return r;
}

/** A moment in local time, e.g. "Mar 1, 2026, 2:05 PM" / "1 mars 2026, 14:05". */
export function formatDateTime(value: string, lang: Lang): string {
  const date = parseDate(value);
  return date ? momentFormat(lang).format(date) : value;
}

/** Money is stored in micro-cents: 10⁻⁸ of the currency unit. */
export function moneyAmount(money: Money): number {
  return money.ucents / 1e8;
}

export function formatMoney(money: Money, lang: Lang): string {
  try {
    const format = formatter(
      `money|${lang}|${money.currency}`,
      () => new Intl.NumberFormat(lang, { style: 'currency', currency: money.currency }),
    );
    return format.format(moneyAmount(money));
  } catch {
    // An unknown currency code: show the amount and the code as they are.
    const format = formatter(`amount|${lang}`, () => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }));
    return `${format.format(moneyAmount(money))} ${money.currency}`;
  }
}

export function formatNumber(value: number, lang: Lang): string {
  return formatWhole(value, lang) ?? formatter(`number|${lang}`, () => new Intl.NumberFormat(lang)).format(value);
}

/** Today in local time as a calendar day, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * How long ago `value` (a timestamp) was, e.g. "2 minutes ago" / "il y a 2 minutes";
 * null under a minute (the caller says "just now") or when it cannot be read.
 */
export function timeAgo(value: string, lang: Lang, now: Date = new Date()): string | null {
  const date = parseDate(value);
  if (!date) return null;
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return null;
  const ago = (count: number, unit: AgoUnit) =>
    formatAgo(count, unit, lang) ??
    formatter(`ago|${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'always' })).format(-count, unit);
  if (minutes < 60) return ago(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return ago(hours, 'hour');
  return ago(Math.floor(hours / 24), 'day');
}
