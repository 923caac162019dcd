/// <reference types="svelte" />
/// <reference types="vite/client" />

interface Window {
  /** The first screen's read, sent by public/boot.js before the app's script runs. */
  __SEATKEEPER_START__?: Promise<import('./lib/bindings').WindowStart>;
}
