/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { cataloguesAsJson } from './cataloguesAsJson';
import { inlineBootScript } from './inlineBootScript';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  // Assets are loaded from the app's own origin (tauri://localhost), never a CDN.
  base: './',
  clearScreen: false,
  // Keep Vite's cache in the (git-ignored) top-level node_modules, not in ui/.
  cacheDir: '../node_modules/.vite',
  plugins: [svelte(), cataloguesAsJson(), inlineBootScript(fileURLToPath(new URL('./src/boot.js', import.meta.url)))],
  // Vitest needs Svelte's client build, not its server one.
  ...(mode === 'test' ? { resolve: { conditions: ['browser'] } } : {}),
  server: {
    port: 5173,
    strictPort: true,
    host: 'localhost',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The web views Tauri 2 supports (WebView2, WKWebView, WebKitGTK).
    target: ['es2022', 'chrome111', 'safari16'],
    // Every style goes to a .css file; the CSP forbids inline styles.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    env: { TZ: 'UTC' },
    // app.css as written, for the theme test (every other style file stays empty in tests).
    css: { include: [/app\.css/] },
    restoreMocks: true,
    // The first import of a whole screen (its components transformed on the fly) can
    // take seconds on a loaded two-core machine. A harness limit, not a timing check.
    testTimeout: 15000,
  },
}));
