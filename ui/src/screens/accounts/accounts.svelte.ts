// Whether the accounts dialog is open (it is opened from the header on every screen,
// or from the welcome screen straight on the connect form), and the account waiting
// for the user to allow Seatkeeper at OVHcloud. No key or secret is ever kept here.
export type AccountsView = 'list' | 'connect';

export type Awaiting = {
  accountId: number;
  label: string;
  /** OVHcloud's page where the user allows Seatkeeper (not a secret: it only asks). */
  validationUrl: string;
  /** When it was asked for (ms since the epoch): a later sync without error ends the wait. */
  since: number;
};

class AccountsUi {
  open = $state(false);
  /** The view the dialog opened on. */
  start = $state<AccountsView>('list');
  awaiting = $state.raw<Awaiting | null>(null);

  show(view: AccountsView = 'list'): void {
    this.start = view;
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const accountsUi = new AccountsUi();
