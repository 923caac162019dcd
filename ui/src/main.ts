import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { startWindow } from './lib/api/app';
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
mount(App, { target, props: { start } });
