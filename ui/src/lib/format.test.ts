import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, moneyAmount, parseDate, timeAgo } from './format';

// Intl puts (narrow) no-break spaces in French numbers; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('is stored in 10⁻⁸ of the currency', () => {
    expect(moneyAmount({ ucents: 1_030_000_000, currency: 'EUR' })).toBe(10.3);
  });

  it('is formatted for the language', () => {
    expect(formatMoney({ ucents: 1_030_000_000, currency: 'EUR' }, 'en')).toBe('€10.30');
    expect(plain(formatMoney({ ucents: 1_030_000_000, currency: 'EUR' }, 'fr'))).toBe('10,30 €');
    expect(formatMoney({ ucents: 123_456_700_000_000, currency: 'EUR' }, 'en')).toBe('€1,234,567.00');
    expect(plain(formatMoney({ ucents: 123_456_700_000_000, currency: 'EUR' }, 'fr'))).toBe('1 234 567,00 €');
    expect(formatMoney({ ucents: 500_000_000, currency: 'USD' }, 'en')).toBe('$5.00');
  });

  it('survives an unknown currency code', () => {
    expect(formatMoney({ ucents: 150_000_000, currency: 'not-a-code' }, 'en')).toBe('1.5 not-a-code');
  });
});

describe('dates', () => {
  it('reads a stored day as that calendar day', () => {
    const day = parseDate('2026-03-01');
    expect([day?.getFullYear(), day?.getMonth(), day?.getDate()]).toEqual([2026, 2, 1]);
    expect(parseDate('not a date')).toBeNull();
  });

  it('makes one formatter per language and style, not one per value (a table formats hundreds)', () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    class Counting extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        made += 1;
      }
    }
    Intl.DateTimeFormat = Counting as typeof Intl.DateTimeFormat;
    let madeForDays = -1;
    try {
      const days = Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`);
      expect(days.map((d) => formatDate(d, 'fr')).at(-1)).toBe('28 févr. 2026');
      expect(formatDate('2026-02-01', 'en')).toBe('Feb 1, 2026');
      // Days need no Intl at all (the first screen shows them; i18n/dates.ts).
      madeForDays = made;
      const moments = days.map((d) => plain(formatDateTime(`${d}T22:04:05Z`, 'en')));
      expect(moments.at(-1)).toBe('Feb 28, 2026, 10:04 PM');
    } finally {
      Intl.DateTimeFormat = Original;
    }
    expect(madeForDays).toBe(0);
    // At most one for English moments (none when an earlier test made it).
    expect(made).toBeLessThanOrEqual(1);
  });

  it('formats days for the language', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDate('2026-03-01', 'fr')).toBe('1 mars 2026');
    expect(formatDate('garbage', 'fr')).toBe('garbage');
  });

  it('formats RFC 3339 timestamps for the language (tests run in UTC)', () => {
    expect(plain(formatDateTime('2026-11-23T22:04:05Z', 'en'))).toBe('Nov 23, 2026, 10:04 PM');
    expect(formatDateTime('2026-11-23T22:04:05Z', 'fr')).toBe('23 nov. 2026, 22:04');
    expect(formatDate('2026-11-22T09:30:00Z', 'fr')).toBe('22 nov. 2026');
  });
});

describe('time ago', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('says minutes, hours, then days, in the language', () => {
    expect(timeAgo('2026-11-23T09:58:00Z', 'en', now)).toBe('2 minutes ago');
    expect(timeAgo('2026-11-23T09:59:00Z', 'en', now)).toBe('1 minute ago');
    expect(timeAgo('2026-11-23T07:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(timeAgo('2026-11-21T09:00:00Z', 'en', now)).toBe('2 days ago');
    expect(plain(timeAgo('2026-11-23T09:58:00Z', 'fr', now) ?? '')).toBe('il y a 2 minutes');
  });

  it('is null under a minute, or for what cannot be read', () => {
    expect(timeAgo('2026-11-23T09:59:30Z', 'en', now)).toBeNull();
    expect(timeAgo('soon', 'en', now)).toBeNull();
  });
});
