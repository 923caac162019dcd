import { describe, expect, it } from 'vitest';
import css from './app.css?raw';

// Every style the window has: app.css and each component's <style>.
const components = import.meta.glob('./**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const sources: Record<string, string> = { './app.css': css, ...components };

const SIZES = ['xs', 'sm', 'md', 'base', 'lg', 'xl', '2xl'];

/** Each `property: value` of the sources, with where it is. */
function declarations(property: string): { where: string; value: string }[] {
  const found: { where: string; value: string }[] = [];
  const pattern = new RegExp(`(?:^|[\\s;{])${property}\\s*:\\s*([^;}\\n]+)`, 'g');
  for (const [file, text] of Object.entries(sources)) {
    for (const match of text.matchAll(pattern)) found.push({ where: file, value: match[1]!.trim() });
  }
  return found;
}

describe('the type scale', () => {
  it('defines each size once, on the root', () => {
    for (const size of SIZES) expect(css.match(new RegExp(`--text-${size}:`, 'g'))?.length, size).toBe(1);
    expect(css.match(/--weight-strong:/g)?.length).toBe(1);
  });

  it('gives every font size in the window from the scale (each new size is a font to look up at start-up)', () => {
    const sizes = declarations('font-size');
    expect(sizes.length).toBeGreaterThan(50);
    const allowed = new Set([...SIZES.map((s) => `var(--text-${s})`), 'inherit']);
    expect(sizes.filter((d) => !allowed.has(d.value))).toEqual([]);
  });

  it('uses two weights: normal and --weight-strong', () => {
    const weights = declarations('font-weight');
    expect(weights.length).toBeGreaterThan(30);
    expect(weights.filter((d) => !['normal', 'var(--weight-strong)'].includes(d.value))).toEqual([]);
    // The `font` shorthand would set both around the scale.
    expect(declarations('font').filter((d) => d.value !== 'inherit')).toEqual([]);
  });

  it('sets figures of one width once, for the whole window (a numeric style of its own is one more font)', () => {
    expect(declarations('font-variant-numeric')).toEqual([{ where: './app.css', value: 'tabular-nums' }]);
    // On the body, which every element inherits it from.
    expect(css).toMatch(/\nbody \{[^}]*font-variant-numeric: tabular-nums;[^}]*\}/);
    expect(declarations('font-variant')).toEqual([]);
    expect(declarations('font-feature-settings')).toEqual([]);
  });
});
