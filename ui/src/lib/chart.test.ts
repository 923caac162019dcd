import { describe, expect, it } from 'vitest';
import { dayTicks, dayToUtc, integerTicks, linePath, linear, tickStep } from './chart';

describe('chart arithmetic', () => {
  it('maps a domain onto a range, flipped too', () => {
    const y = linear([0, 30], [250, 10]);
    expect(y(0)).toBe(250);
    expect(y(30)).toBe(10);
    expect(y(15)).toBe(130);
    expect(linear([5, 5], [0, 10])(5)).toBe(0);
  });

  it('picks round whole-number ticks', () => {
    expect(tickStep(30)).toBe(10);
    expect(tickStep(3)).toBe(1);
    expect(integerTicks(30)).toEqual([0, 10, 20, 30]);
    expect(integerTicks(33)).toEqual([0, 10, 20, 30, 40]);
    expect(integerTicks(0)).toEqual([0, 1]);
    expect(integerTicks(10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('ticks calendar days: every few days within a month, first of months beyond', () => {
    const from = dayToUtc('2026-11-01');
    const to = dayToUtc('2026-11-23');
    const short = dayTicks(from, to);
    expect(short[0]).toBe(from);
    expect(short.length).toBeLessThanOrEqual(7);
    expect(short.every((t) => t >= from && t <= to)).toBe(true);

    const year = dayTicks(dayToUtc('2025-11-01'), dayToUtc('2026-11-23'));
    expect(year.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2025-11-01',
      '2026-01-01',
      '2026-03-01',
      '2026-05-01',
      '2026-07-01',
      '2026-09-01',
      '2026-11-01',
    ]);
  });

  it('draws a path', () => {
    expect(
      linePath([
        { x: 1, y: 2 },
        { x: 3.25, y: 4 },
      ]),
    ).toBe('M1.0,2.0L3.3,4.0');
    expect(linePath([])).toBe('');
  });
});
