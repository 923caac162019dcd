/// <reference types="svelte" />
/// <reference types="vite/client" />

interface Window {
  /** The first screen's read, sent by src/boot.js (inline in the built index.html) before the app's script runs. */
  __SEATKEEPER_START__?: Promise<import('./lib/bindings').WindowStart>;
}
