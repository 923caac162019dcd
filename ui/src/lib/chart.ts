// The little arithmetic the usage chart needs: linear scales, round tick values and
// calendar ticks. Hand-written because Tauri freezes Object.prototype in the window
// (freezePrototype), which d3's modules trip over when they load.

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1] linearly. */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** A round step (1, 2 or 5 × 10ⁿ, never below 1) giving about `count` ticks up to `max`. */
export function tickStep(max: number, count = 5): number {
  const raw = Math.max(max, 1) / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/** Whole-number ticks from 0 to a round top at or above `max`. */
export function integerTicks(max: number, count = 5): number[] {
  const step = tickStep(max, count);
  const top = Math.max(step, Math.ceil(Math.max(max, 1) / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

const DAY_MS = 86_400_000;

/** A calendar day (YYYY-MM-DD) as a UTC instant, so no time zone moves it. */
export function dayToUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/**
 * Ticks for the days from `from` to `to`: the first of each month (every other one
 * past six months) for long spans, else every few days, always inside the span.
 */
export function dayTicks(from: number, to: number, maxTicks = 7): number[] {
  const days = Math.round((to - from) / DAY_MS);
  const ticks: number[] = [];
  if (days > 62) {
    const start = new Date(from);
    const year = start.getUTCFullYear();
    let month = start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1);
    const months: number[] = [];
    for (;;) {
      const at = Date.UTC(year + Math.floor(month / 12), month % 12, 1);
      if (at > to) break;
      months.push(at);
      month += 1;
    }
    const every = Math.ceil(months.length / maxTicks);
    months.forEach((at, i) => {
      if (i % every === 0) ticks.push(at);
    });
    return ticks;
  }
  const every = Math.max(1, Math.ceil((days + 1) / maxTicks));
  for (let at = from; at <= to; at += every * DAY_MS) ticks.push(at);
  return ticks;
}

/** An SVG path through the points, in order. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
}
