import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { startWindow } from './lib/api/app';
import type { WindowStart } from './lib/bindings';
import { systemLanguage } from './i18n/index.svelte';
import { markStartup } from './lib/firstPaint';
import { markPlatform } from './lib/platform';
import { applySavedTheme } from './lib/theme';

markStartup('script');
// The first screen's read: sent by boot.js before this script was even parsed, or now.
const start = window.__SEATKEEPER_START__ ?? startWindow(systemLanguage());
// The user's theme before anything is drawn (Rust confirms it a moment later).
applySavedTheme();
// The fonts the platform resolves at once (app.css).
markPlatform();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// Rust's answer is usually back by now (boot.js sent the read while this script was
// fetched): mounting with it makes the first render the first screen itself. (Not a
// top-level await: the bundler would then split the app's script into a dozen files.)
void start
  .then(
    (first): WindowStart | null => first,
    // App shows why, from the same promise.
    () => null,
  )
  .then((first) => mount(App, { target, props: { start, first } }));
