// ESLint for the UI (TypeScript and Svelte 5) and the Node scripts around it (the
// end-to-end tests, the benchmarks, the configs). Formatting is Prettier's job.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';
import svelteConfig from './ui/svelte.config.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'target/',
      'gen/',
      'ui/dist/',
      'src-tauri/',
      // The hello-world Tauri app the start-up benchmark compares with.
      'tests/bench/hello_baseline/',
      // Generated from Rust by tauri-specta.
      'ui/src/lib/bindings.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    // The app runs in a web view.
    files: ['ui/src/**', 'ui/public/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Scripts and configs run in Node.
    files: ['*.js', 'ui/*.js', 'ui/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The end-to-end tests and benchmarks run in Node and send functions to run in the page.
    files: ['tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Svelte components and rune modules (.svelte.ts): the Svelte parser, with
    // TypeScript inside.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
  },
  {
    rules: {
      // Off: it asks for SvelteMap/SvelteSet even where a plain Map or Set is right (caches
      // outside any state, and fresh Sets assigned whole to $state.raw).
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
);
