import { describe, expect, it } from 'vitest';
import type { Lang } from '../lib/bindings';
import { formatWhole, isOne } from './numbers';

const langs: Lang[] = ['en', 'fr'];

// Whole numbers a screen shows (counts, quantities, licences), edges of each group of
// three digits, negatives and the largest safe integers; then a spread of others.
const samples = [
  0,
  1,
  -1,
  2,
  9,
  10,
  99,
  100,
  999,
  1000,
  -1000,
  1001,
  9999,
  10000,
  12345,
  99999,
  100000,
  999999,
  1000000,
  -1234567,
  10000000,
  123456789,
  2 ** 31,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];
for (let n = 7; n < Number.MAX_SAFE_INTEGER / 13; n = n * 13 + 5) samples.push(n, -n);

describe('formatWhole', () => {
  for (const lang of langs) {
    it(`writes whole numbers exactly as Intl.NumberFormat('${lang}') does`, () => {
      const intl = new Intl.NumberFormat(lang);
      for (const n of samples) expect(formatWhole(n, lang), `${n}`).toBe(intl.format(n));
    });
  }

  it('leaves fractions, -0, unsafe and non-finite numbers to Intl', () => {
    for (const n of [1.5, -0, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1e21]) {
      expect(formatWhole(n, 'en'), `${n}`).toBeNull();
    }
  });
});

describe('isOne', () => {
  for (const lang of langs) {
    it(`picks the singular exactly as Intl.PluralRules('${lang}') does for whole numbers`, () => {
      const intl = new Intl.PluralRules(lang);
      for (const n of [...samples, ...Array.from({ length: 41 }, (_, i) => i - 20)]) {
        expect(isOne(n, lang), `${n}`).toBe(intl.select(n) === 'one');
      }
    });
  }

  it('leaves fractions to Intl (1.5 is singular in French, plural in English)', () => {
    expect(isOne(1.5, 'fr')).toBeNull();
    expect(isOne(0.5, 'en')).toBeNull();
  });
});
