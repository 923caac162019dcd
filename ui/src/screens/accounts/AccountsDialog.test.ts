import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../lib/bindings';
import AppHeader from '../../lib/AppHeader.svelte';
import { fakeRust, ipcError, type Args } from '../../test/ipc';

const SAMPLE: AccountSummary = { id: 1, label: 'Sample data', endpoint: 'ovh-eu', isSample: true };
const ACME: AccountSummary = { id: 2, label: 'Acme', endpoint: 'ovh-ca', isSample: false };
const DEMO: AccountSummary = { id: 3, label: 'Demo (simulated OVHcloud)', endpoint: 'demo', isSample: false };

async function openAccounts(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: 'Accounts' }));
  return screen.findByRole('dialog');
}

function input(dialog: HTMLElement, label: string | RegExp): HTMLInputElement {
  return within(dialog).getByLabelText(label, { selector: 'input, select' }) as HTMLInputElement;
}

describe('accounts dialog', () => {
  it('lists the connected accounts (not the sample) and disconnects one after confirming', async () => {
    let accounts = [SAMPLE, ACME, DEMO];
    const rust = fakeRust({
      list_accounts: () => accounts,
      disconnect_account: ({ accountId }: Args) => {
        accounts = accounts.filter((a) => a.id !== accountId);
        return null;
      },
      sync_now: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const dialog = await openAccounts(user);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('heading', { name: 'OVHcloud accounts' })).toBeTruthy();
    const list = await within(dialog).findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.name')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Acme',
      'Demo (simulated OVHcloud) Demo',
    ]);
    expect(within(items[0]!).getByText('OVHcloud Canada')).toBeTruthy();
    expect(within(items[1]!).getByText('Simulated OVHcloud on this computer')).toBeTruthy();
    expect(within(dialog).queryByText('Sample data')).toBeNull();

    // Cancel first: nothing happens, back on the list.
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect Acme' }));
    expect(within(dialog).getByRole('heading', { name: 'Disconnect Acme?' })).toBeTruthy();
    expect(dialog.textContent).toContain('removes this account’s keys from the system keychain');
    expect(dialog.textContent).toContain('deletes its groups, licences, installs and history from this computer');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByRole('heading', { name: 'OVHcloud accounts' })).toBeTruthy();
    expect(rust.callsOf('disconnect_account')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Disconnect Acme' }));
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await within(dialog).findByText('Account “Acme” disconnected.');
    expect(rust.callsOf('disconnect_account')[0]?.args).toEqual({ accountId: 2 });
    expect(rust.callsOf('sync_now')).toHaveLength(1);
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'Disconnect Acme' })).toBeNull());
    expect(within(dialog).getByRole('button', { name: 'Disconnect Demo (simulated OVHcloud)' })).toBeTruthy();

    // Escape closes the dialog, the focus back on the header's button.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accounts' }));
  });

  it('connects an account: checks the form, sends exactly its fields, shows errors where they belong', async () => {
    // Rust checks the whole form first (nothing stored, nothing sent) and says what is wrong, field by field.
    const problems = [
      { field: 'accountName', rule: 'name.empty', message: 'The account name is required.' },
      { field: 'endpoint', rule: 'endpoint.invalid', message: 'Choose a region, or an https:// address.' },
      { field: 'applicationKey', rule: 'name.empty', message: 'The application key is required.' },
      { field: 'applicationSecret', rule: 'name.empty', message: 'The application secret is required.' },
    ];
    let answer: (args: Args) => unknown = () =>
      ipcError('invalidInput', problems[0]!.message, { field: 'accountName', rule: 'name.empty', problems });
    const rust = fakeRust({
      list_accounts: [],
      connect_account: (args: Args) => answer(args),
      open_external: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const dialog = await openAccounts(user);
    expect(await within(dialog).findByText('No OVHcloud account is connected yet.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Connect an OVHcloud account' }));
    expect(within(dialog).getByRole('heading', { name: 'Connect an OVHcloud account' })).toBeTruthy();
    const name = input(dialog, 'Account name');
    expect(document.activeElement).toBe(name);

    // The secrets are password fields, never remembered by the browser.
    const secret = input(dialog, 'Application secret');
    const consumer = input(dialog, 'Consumer key (optional)');
    for (const field of [secret, consumer]) {
      expect(field.type).toBe('password');
      expect(field.getAttribute('autocomplete')).toBe('off');
    }
    expect(consumer.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(consumer.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Leave empty to have OVHcloud issue one: you will allow Seatkeeper in your browser.',
    );
    const show = within(dialog).getByRole('button', { name: 'Show the application secret' });
    await user.click(show);
    expect(secret.type).toBe('text');
    expect(show.getAttribute('aria-pressed')).toBe('true');
    await user.click(show);
    expect(secret.type).toBe('password');

    // Where the keys are created follows the region.
    await user.click(within(dialog).getByRole('button', { name: 'Open OVHcloud’s application page' }));
    expect(rust.callsOf('open_external')[0]?.args).toEqual({ url: 'https://eu.api.ovh.com/createApp/' });
    await user.selectOptions(input(dialog, 'Region'), 'ovh-us');
    await user.click(within(dialog).getByRole('button', { name: 'Open OVHcloud’s application page' }));
    expect(rust.callsOf('open_external')[1]?.args).toEqual({ url: 'https://api.us.ovhcloud.com/createApp/' });

    // Nothing typed: Rust's rule for each field goes beside it, the first one is focused.
    await user.selectOptions(input(dialog, 'Region'), 'other');
    await user.type(input(dialog, 'API address'), 'http://api.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    for (const [label, message] of [
      ['Account name', problems[0]!.message],
      ['API address', problems[1]!.message],
      ['Application key', problems[2]!.message],
      ['Application secret', problems[3]!.message],
    ] as const) {
      const field = input(dialog, label);
      await waitFor(() => expect(field.getAttribute('aria-invalid'), label).toBe('true'));
      const described = (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent);
      expect(described, label).toContain(message);
    }
    expect(document.activeElement).toBe(name);
    expect(within(dialog).getByRole('alert').textContent).toBe('');
    expect(rust.callsOf('connect_account')).toHaveLength(1);
    answer = () => ipcError('remote', 'OVHcloud refused the request: Invalid application key.');

    await user.type(name, '  Boulangerie  ');
    const url = input(dialog, 'API address');
    await user.clear(url);
    await user.type(url, 'https://api.example.com/1.0');
    await user.type(input(dialog, 'Application key'), 'AK123');
    await user.type(secret, 's3cr3t');

    // OVHcloud refuses: its message in the dialog's alert; the fields stay to be corrected.
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await within(dialog).findByText('OVHcloud refused the request: Invalid application key.');
    expect(within(dialog).getByRole('alert').textContent).toContain('Invalid application key');
    expect(rust.callsOf('connect_account')[1]?.args).toEqual({
      label: 'Boulangerie',
      endpoint: 'https://api.example.com/1.0',
      applicationKey: 'AK123',
      applicationSecret: 's3cr3t',
      consumerKey: null,
    });

    // Rust's rule about the name goes beside the name.
    answer = () => ipcError('invalidInput', 'The name is too long.', { field: 'accountName', rule: 'name.tooLong' });
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('The name is too long.')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toBe('');

    // Unreachable: said in words.
    answer = () => ipcError('offline', 'OVHcloud cannot be reached (dns error).');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await within(dialog).findByText(/OVHcloud could not be reached: check the internet connection/);

    // Connected, with a key OVHcloud issued: its page opens, the dialog waits, the secrets are gone.
    answer = () => ({ accountId: 5, validationUrl: 'https://eu.api.ovh.com/auth/?credentialToken=tok' });
    await user.type(consumer, '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await within(dialog).findByText('Waiting for you to allow Seatkeeper at OVHcloud… then press Sync now.');
    expect(rust.callsOf('connect_account')[4]?.args).toMatchObject({ consumerKey: null, applicationSecret: 's3cr3t' });
    expect(rust.callsOf('open_external').at(-1)?.args).toEqual({
      url: 'https://eu.api.ovh.com/auth/?credentialToken=tok',
    });
    expect(within(dialog).getByRole('heading', { name: 'Allow Seatkeeper at OVHcloud' })).toBeTruthy();
    expect(dialog.querySelector('input')).toBeNull();
    // Nothing of the secrets is left: the form, opened again, is empty.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await user.click(within(dialog).getByRole('button', { name: 'Connect an OVHcloud account' }));
    for (const label of ['Account name', 'Application key', 'Application secret', 'Consumer key (optional)']) {
      expect(input(dialog, label).value, label).toBe('');
    }
  });

  it('the waiting state offers Sync now and opening the page again; a form cancelled is emptied', async () => {
    const rust = fakeRust({
      list_accounts: [],
      connect_account: { accountId: 5, validationUrl: 'https://ca.api.ovh.com/auth/?credentialToken=x' },
      open_external: null,
      sync_now: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    let dialog = await openAccounts(user);
    await user.click(within(dialog).getByRole('button', { name: 'Connect an OVHcloud account' }));
    await user.type(input(dialog, 'Account name'), 'Acme');
    await user.type(input(dialog, 'Application key'), 'AK');
    await user.type(input(dialog, 'Application secret'), 'topsecret');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Back on the list; the form, opened again, is empty.
    await user.click(within(dialog).getByRole('button', { name: 'Connect an OVHcloud account' }));
    expect(input(dialog, 'Account name').value).toBe('');
    expect(input(dialog, 'Application secret').value).toBe('');

    await user.type(input(dialog, 'Account name'), 'Acme');
    await user.selectOptions(input(dialog, 'Region'), 'ovh-ca');
    await user.type(input(dialog, 'Application key'), 'AK');
    await user.type(input(dialog, 'Application secret'), 'topsecret');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await within(dialog).findByText('Waiting for you to allow Seatkeeper at OVHcloud… then press Sync now.');
    expect(rust.callsOf('connect_account')[0]?.args).toMatchObject({ label: 'Acme', endpoint: 'ovh-ca' });
    await user.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    expect(rust.callsOf('sync_now')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Open the page again' }));
    expect(rust.callsOf('open_external')).toHaveLength(2);

    // Closed and opened again: still waiting, one click away.
    await user.keyboard('{Escape}');
    dialog = await openAccounts(user);
    expect(within(dialog).getByRole('heading', { name: 'Allow Seatkeeper at OVHcloud' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(within(dialog).getByRole('heading', { name: 'OVHcloud accounts' })).toBeTruthy();
  });

  it('connects the demo account', async () => {
    let accounts: AccountSummary[] = [];
    const rust = fakeRust({
      list_accounts: () => accounts,
      connect_demo: () => {
        accounts = [DEMO];
        return { accountId: 3, validationUrl: null };
      },
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const dialog = await openAccounts(user);
    await user.click(within(dialog).getByRole('button', { name: 'Try the demo account' }));
    await within(dialog).findByText('Demo account connected. Its groups arrive with the first sync.');
    expect(rust.callsOf('connect_demo')).toHaveLength(1);
    expect(await within(dialog).findByRole('button', { name: 'Disconnect Demo (simulated OVHcloud)' })).toBeTruthy();
  });

  it('gives an account its keys again after a restore, without touching its data', async () => {
    let needing = [ACME];
    const rust = fakeRust({
      list_accounts: [SAMPLE, ACME, DEMO],
      accounts_needing_keys: () => needing,
      give_account_keys: ({ accountId }: Args) => {
        needing = [];
        return { accountId, validationUrl: null };
      },
      sync_now: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const dialog = await openAccounts(user);
    const give = await within(dialog).findByRole('button', { name: 'Enter the keys of Acme' });
    expect(within(dialog).getByText('Needs its keys')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Enter the keys of Demo/ })).toBeNull();
    await user.click(give);
    expect(within(dialog).getByRole('heading', { name: 'Keys of Acme' })).toBeTruthy();
    await user.type(input(dialog, 'Application secret'), 'as-again');
    await user.click(within(dialog).getByRole('button', { name: 'Save the keys' }));
    await within(dialog).findByText('Keys of “Acme” saved. It syncs again.');
    expect(rust.callsOf('give_account_keys')[0]?.args).toEqual({
      accountId: 2,
      applicationSecret: 'as-again',
      consumerKey: null,
    });
    expect(rust.callsOf('disconnect_account')).toHaveLength(0);
    await waitFor(() => expect(within(dialog).queryByText('Needs its keys')).toBeNull());
  });
});
