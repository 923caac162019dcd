// First: the moment the script starts running (lib/scriptStart.ts).
import './lib/scriptStart';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { startWindow } from './lib/api/app';
import type { WindowStart } from './lib/bindings';
import { langFromTag, loadCatalogue, systemLanguage } from './i18n/index.svelte';
import { markStartup } from './lib/firstPaint';
import { markPlatform } from './lib/platform';
import { applySavedTheme } from './lib/theme';

markStartup('script');
// The first screen's read: sent by boot.js before this script was even parsed, or now.
const start = window.__SEATKEEPER_START__ ?? startWindow(systemLanguage());
// The system language's texts, fetched meanwhile (English is in this script already).
loadCatalogue(langFromTag(systemLanguage())).catch(() => {});
// The user's theme before anything is drawn (Rust confirms it a moment later).
applySavedTheme();
// The fonts the platform resolves at once (app.css).
markPlatform();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// Rust's answer is usually back by now (boot.js sent the read while this script was
// fetched): mounting with it, and with the texts of the language it names, makes the
// first render the first screen itself, in its language. (Not a top-level await: the
// bundler would then split the app's script into a dozen files.)
void start
  .then(
    async (first): Promise<WindowStart | null> => {
      await loadCatalogue(first.preferences.language).catch(() => {});
      return first;
    },
    // App shows why, from the same promise.
    () => null,
  )
  .then((first) => {
    mount(App, { target, props: { start, first } });
    markStartup('mounted');
  });
