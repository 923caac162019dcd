// Screens and dialogs the first screen does not need are loaded on demand, so the
// start-up parses less script; once the first screen is painted they are fetched in
// the background, so opening them later is instant.

/**
 * One load per module, shared by every caller: the background fetch and a screen
 * opened while it is still under way wait for the same module instead of starting a
 * second load (which a test runner may answer with a module not yet evaluated).
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((e: unknown) => {
      // A failed fetch is tried again on the next open.
      loading = undefined;
      throw e;
    });
    return loading;
  };
}

export const lazy = {
  groupPage: once(() => import('../screens/group/GroupPage.svelte')),
  orderWizard: once(() => import('../screens/order/OrderWizard.svelte')),
  accountsDialog: once(() => import('../screens/accounts/AccountsDialog.svelte')),
  pendingPanel: once(() => import('./PendingPanel.svelte')),
  remindersPanel: once(() => import('./RemindersPanel.svelte')),
  settingsDialog: once(() => import('../screens/settings/SettingsDialog.svelte')),
  updateDialog: once(() => import('./UpdateDialog.svelte')),
};

/** Fetches every lazy screen now (after the first paint). */
export function prefetchLazy(): void {
  for (const load of Object.values(lazy)) {
    load().catch(() => {
      // Fetched again when opened.
    });
  }
}
