import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

async function start(): Promise<void> {
  // Only in a build made with VITE_FAKE_BACKEND=1 (to look at the screens without Rust);
  // a normal build drops this branch and the fake entirely.
  if (import.meta.env.VITE_FAKE_BACKEND === '1') {
    const { installFakeBackend } = await import('./dev/fakeBackend');
    installFakeBackend();
  }
  const target = document.getElementById('app');
  if (!target) throw new Error('#app is missing from index.html');
  mount(App, { target });
}

void start();
