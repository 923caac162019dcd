import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { markStartup } from './lib/firstPaint';
import { applySavedTheme } from './lib/theme';

markStartup('script');
// The user's theme before anything is drawn (Rust confirms it a moment later).
applySavedTheme();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
