// Screens and dialogs the first screen does not need are loaded on demand, so the
// start-up parses less script; once the first screen is painted they are fetched in
// the background, so opening them later is instant.
export const lazy = {
  groupPage: () => import('../screens/group/GroupPage.svelte'),
  orderWizard: () => import('../screens/order/OrderWizard.svelte'),
  accountsDialog: () => import('../screens/accounts/AccountsDialog.svelte'),
  pendingPanel: () => import('./PendingPanel.svelte'),
  remindersPanel: () => import('./RemindersPanel.svelte'),
  settingsDialog: () => import('../screens/settings/SettingsDialog.svelte'),
  updateDialog: () => import('./UpdateDialog.svelte'),
};

/** Fetches every lazy screen now (after the first paint). */
export function prefetchLazy(): void {
  for (const load of Object.values(lazy)) {
    load().catch(() => {
      // Fetched again when opened.
    });
  }
}
