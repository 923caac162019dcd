// Runs before every test file: a clean DOM, IPC mock, language and first-paint flag
// after each test. (The time zone is fixed to UTC in vite.config.ts, so dates can be
// checked as text.)
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, configure } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import { loadCatalogue, locale } from '../i18n/index.svelte';
import { resetFirstPaintForTests } from '../lib/firstPaint';
import { pending } from '../lib/pending.svelte';
import { desktop } from '../lib/desktop.svelte';
import { reminders } from '../lib/reminders.svelte';
import { accountsUi } from '../screens/accounts/accounts.svelte';
import { forgetLicences } from '../screens/group/licenceCache';
import { settingsUi } from '../screens/settings/settings.svelte';

// Screens and dialogs load on demand (src/lib/lazy.ts): the first time a test opens one,
// its module is transformed, which can take more than a second on a loaded machine.
configure({ asyncUtilTimeout: 10000 });

// French is fetched on demand in the app (i18n/index.svelte.ts); tests switch to it at once.
await loadCatalogue('fr');

// jsdom does no layout and has no ResizeObserver (Svelte's bind:clientHeight uses one):
// sizes stay 0 and components fall back to their default sizes.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

afterEach(() => {
  // Tests of plain modules run without a DOM (`@vitest-environment node`).
  if (typeof window !== 'undefined') {
    cleanup();
    clearMocks();
  }
  locale.apply({ language: 'en', chosenLanguage: null });
  resetFirstPaintForTests();
  pending.close();
  accountsUi.close();
  accountsUi.awaiting = null;
  settingsUi.close();
  forgetLicences();
  reminders.close();
  desktop.update = null;
  desktop.updateOpen = false;
  desktop.updateNoticeDismissed = false;
  desktop.keychain = null;
  desktop.keychainNoticeDismissed = false;
  desktop.needingKeys = [];
  if (typeof document !== 'undefined') {
    document.documentElement.removeAttribute('data-theme');
    document.documentElement.removeAttribute('data-started');
  }
});
