// The theme the window is drawn in: the system's (no attribute: CSS follows
// prefers-color-scheme), or light or dark as the user chose in Settings (`data-theme`
// on the root). The choice lives in Rust's settings; a copy in localStorage lets the
// next start apply it before the first paint, without waiting for Rust.
import type { Theme } from './bindings';

const KEY = 'seatkeeper.theme';

function setAttribute(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

/** Applies `theme` and remembers it for the next start. */
export function applyTheme(theme: Theme): void {
  setAttribute(theme);
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // No storage: the next start applies it once Rust answers.
  }
}

/** Applies the theme remembered from the last run (at start, before anything is drawn). */
export function applySavedTheme(): void {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') setAttribute(saved);
  } catch {
    // Nothing remembered.
  }
}
