import { describe, expect, it } from 'vitest';
import type { Lang } from '../lib/bindings';
import { formatAgo, formatDay, type AgoUnit } from './dates';

const langs: Lang[] = ['en', 'fr'];

describe('formatDay', () => {
  for (const lang of langs) {
    it(`writes every month and day as Intl.DateTimeFormat('${lang}', medium) does`, () => {
      const intl = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
      for (const year of [1000, 1999, 2026, 2027, 9999]) {
        for (let month = 0; month < 12; month++) {
          for (const day of [1, 9, 10, 28]) {
            const date = new Date(year, month, day);
            expect(formatDay(date, lang), date.toISOString()).toBe(intl.format(date));
          }
        }
      }
    });
  }

  it('leaves years outside 1000–9999 and invalid dates to Intl', () => {
    const early = new Date(2026, 0, 1);
    early.setFullYear(999);
    for (const date of [early, new Date(10000, 0, 1), new Date(Number.NaN)]) expect(formatDay(date, 'en')).toBeNull();
  });
});

describe('formatAgo', () => {
  const units: AgoUnit[] = ['minute', 'hour', 'day'];
  for (const lang of langs) {
    it(`writes "… ago" as Intl.RelativeTimeFormat('${lang}') does`, () => {
      const intl = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
      for (const unit of units) {
        for (const count of [1, 2, 5, 23, 59, 100, 1234, 123456]) {
          expect(formatAgo(count, unit, lang), `${count} ${unit}`).toBe(intl.format(-count, unit));
        }
      }
    });
  }

  it('leaves anything but a whole count of at least 1 to Intl', () => {
    for (const count of [0, -1, 1.5, Number.NaN]) expect(formatAgo(count, 'minute', 'en')).toBeNull();
  });
});
