// src/boot.js (written into index.html by the build): the first screen's read, sent before the app's script runs.
import { afterEach, describe, expect, it } from 'vitest';
import source from './boot.js?raw';

type Internals = { invoke: (cmd: string, args: unknown) => Promise<unknown> };
const page = window as unknown as { __TAURI_INTERNALS__?: Internals; __SEATKEEPER_START__?: Promise<unknown> };

afterEach(() => {
  delete page.__TAURI_INTERNALS__;
  delete page.__SEATKEEPER_START__;
});

describe('boot.js', () => {
  it('asks Rust for the first screen with the system language and leaves the answer for main.ts', async () => {
    const calls: [string, unknown][] = [];
    page.__TAURI_INTERNALS__ = {
      invoke: (cmd, args) => {
        calls.push([cmd, args]);
        return Promise.resolve({ groups: [] });
      },
    };
    new Function(source)();
    expect(calls).toEqual([['start_window', { systemLanguage: navigator.language }]]);
    await expect(page.__SEATKEEPER_START__).resolves.toEqual({ groups: [] });
  });

  it('keeps a refusal for main.ts to show', async () => {
    page.__TAURI_INTERNALS__ = { invoke: () => Promise.reject({ code: 'databaseTooNew', message: 'Too new' }) };
    new Function(source)();
    await expect(page.__SEATKEEPER_START__).rejects.toEqual({ code: 'databaseTooNew', message: 'Too new' });
  });

  it('does nothing outside Tauri (main.ts then asks itself)', () => {
    new Function(source)();
    expect(page.__SEATKEEPER_START__).toBeUndefined();
  });
});
