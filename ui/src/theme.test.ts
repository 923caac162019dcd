import { describe, expect, it } from 'vitest';
import css from './app.css?raw';
import { applySavedTheme, applyTheme } from './lib/theme';

/** The custom properties a block declares, in order. */
function declarations(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('--'));
}

function blockAfter(marker: string): string {
  const start = css.indexOf(marker);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('}', start));
}

describe('themes', () => {
  it('draws the same dark theme for the system’s dark mode and for the user’s choice', () => {
    const system = declarations(blockAfter(":root:not([data-theme='light']) {"));
    const chosen = declarations(blockAfter(":root[data-theme='dark'] {"));
    expect(system.length).toBeGreaterThan(20);
    expect(chosen).toEqual(system);
    // Every token the light theme sets, the dark theme sets too.
    const light = declarations(blockAfter(':root {')).map((d) => d.split(':')[0]);
    for (const name of system.map((d) => d.split(':')[0])) expect(light).toContain(name);
  });

  it('applies the user’s choice to the root and remembers it for the next start', () => {
    applyTheme('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    document.documentElement.removeAttribute('data-theme');
    applySavedTheme();
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    applyTheme('system');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    applySavedTheme();
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });
});
