import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';
import App from './App.svelte';
import { overviewOf, PAYG, PREPAID, pendingActivation } from './test/fixtures';
import type { AppStatus, GroupSummary, OpenOrder, Preferences, SyncStatus } from './lib/bindings';
import { fakeRust, ipcError, NOT_CONNECTED, startWindowWith, type Handler } from './test/ipc';

const status = (groups: number, hasSampleData = groups > 0): AppStatus => ({
  accounts: 0,
  hasSampleData,
  groups,
  databasePath: '/tmp/seatkeeper.db',
  schemaVersion: 2,
  migrationBackup: null,
});
const english: Preferences = { language: 'en', chosenLanguage: null, theme: 'system', checkUpdates: true };

/** Rust's side of a start-up in English (preferences, first paint), with `handlers`. */
function startRust(handlers: Record<string, Handler>): ReturnType<typeof fakeRust> {
  return fakeRust({ start_window: startWindowWith(english), report_first_paint: null, ...handlers });
}

/** Waits for the double requestAnimationFrame after the first screen. */
const frames = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('start-up', () => {
  it('asks for the preferences, status and groups in one call, shows the groups and reports the first paint once', async () => {
    const rust = startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      get_group_overview: ({ groupId }) => overviewOf(groupId === 1 ? PREPAID : PAYG),
    });
    render(App);
    const table = await screen.findByRole('table', { name: 'Your Microsoft 365 licence groups' });
    expect(rust.calls[0]).toEqual({ cmd: 'start_window', args: { systemLanguage: navigator.language } });
    // Nothing else was read before the groups were on screen.
    expect(rust.callsOf('get_app_status')).toHaveLength(0);
    expect(rust.callsOf('list_groups')).toHaveLength(0);

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByRole('button', { name: 'Boulangerie Lefèvre' })).toBeTruthy();
    expect(first.getByText('office4417.o365.ovh.com')).toBeTruthy();
    expect(first.getByText('Sample')).toBeTruthy();
    expect(first.getByText('Prepaid')).toBeTruthy();
    expect(first.getByText('Apps for business')).toBeTruthy();
    expect(first.getByText('22 / 30')).toBeTruthy();
    expect(first.getByText('Active')).toBeTruthy();
    expect(first.getByText('Dec 1, 2026')).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByText('Pay as you go')).toBeTruthy();
    expect(second.getByText('Apps for enterprise')).toBeTruthy();
    expect(second.getByText('—')).toBeTruthy();
    expect(second.getByText('2 changes waiting to be sent')).toBeTruthy();

    await frames();
    expect(rust.callsOf('report_first_paint')).toHaveLength(1);
    // The moments the start-up benchmark reads, in the order they happen.
    const page = rust.callsOf('report_first_paint')[0]?.args.page as Record<string, number>;
    const order = ['modules', 'firstScreen', 'frame', 'painted'].map((name) => page[name] ?? NaN);
    expect(order.every((ms) => Number.isFinite(ms))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The reads after the first paint are done: the window says its start is over.
    await waitFor(() => expect(document.documentElement.hasAttribute('data-started')).toBe(true));
    expect(rust.callsOf('get_keychain_info')).toHaveLength(1);

    // Into a group and back: still reported only once.
    await userEvent.click(first.getByRole('button', { name: 'Boulangerie Lefèvre' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Back to licence groups' }));
    await screen.findByRole('heading', { level: 1, name: 'Licence groups' });
    // Back on the list, the focus is on the group we came from.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Boulangerie Lefèvre' }));
    await frames();
    expect(rust.callsOf('report_first_paint')).toHaveLength(1);
  });

  it('with the answer already there (main.ts waits for it), renders the list at once, in the chosen language', async () => {
    const rust = startRust({ list_open_orders: [] });
    const first = {
      preferences: { ...english, language: 'fr' as const, chosenLanguage: 'fr' as const },
      status: status(2),
      groups: [PREPAID, PAYG],
      groupsError: null,
      sync: { ...NOT_CONNECTED, accounts: 1, lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString() },
      pending: [pendingActivation(7)],
      reminders: [],
      orders: [],
    };
    render(App, { start: Promise.resolve(first), first });
    // In the first render itself: no loading screen, nothing awaited.
    expect(screen.getByRole('heading', { level: 1, name: 'Groupes de licences' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: /Chargement|Loading/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Boulangerie Lefèvre' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    // The header's reads came in the same answer: drawn in that first render too.
    expect(screen.getByText(/Synchronisé il y a 5 minutes/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Modifications en attente : 1 ouverte' })).toBeTruthy();
    await frames();
    // Its read is not sent again, the first paint is reported once, and nothing at all
    // was asked of Rust before it (the events and the reads that follow come after).
    expect(rust.callsOf('start_window')).toHaveLength(0);
    expect(rust.callsOf('report_first_paint')).toHaveLength(1);
    expect(rust.calls[0]?.cmd).toBe('report_first_paint');
    await waitFor(() => expect(rust.callsOf('get_sync_status')).toHaveLength(1));
  });

  it('after the first paint: says secrets will not last, names the accounts needing keys, offers an update', async () => {
    const rust = startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      get_keychain_info: { backend: 'kernelKeyring', persistent: false, problem: null },
      accounts_needing_keys: [{ id: 2, label: 'Bureau', endpoint: 'ovh-eu', isSample: false }],
    });
    render(App);
    await screen.findByRole('table', { name: 'Your Microsoft 365 licence groups' });
    // Nothing of this before the first screen is painted.
    expect(rust.callsOf('get_keychain_info')).toHaveLength(0);
    await frames();
    expect(await screen.findByText(/will not survive a reboot/)).toBeTruthy();
    expect(screen.getByText('These accounts need their keys again before they can sync: Bureau.')).toBeTruthy();
    // The check at start found a newer version: offered, never installed by itself.
    await emit('update-available', { version: '0.2.0', currentVersion: '0.1.0', notes: 'Faster.', date: null });
    expect(await screen.findByText('Seatkeeper 0.2.0 is available.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'See what’s new' }));
    const update = await screen.findByRole('dialog', { name: 'Seatkeeper 0.2.0 is available' });
    expect(update.textContent).toContain('Faster.');
    expect(rust.callsOf('install_update')).toHaveLength(0);
    // The keychain notice can be put away for this run.
    await userEvent.click(within(update).getByRole('button', { name: 'Not now' }));
    const keychain = screen.getByText(/will not survive a reboot/).closest('.notice') as HTMLElement;
    await userEvent.click(within(keychain).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/will not survive a reboot/)).toBeNull();
  });

  it('says at the bottom when the automatic backup failed, here or in a scheduled sync, until one succeeds', async () => {
    let failure: { at: string; detail: string } | null = null;
    const rust = startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      get_backup_failure: () => failure,
    });
    render(App);
    await screen.findByRole('table', { name: 'Your Microsoft 365 licence groups' });
    await frames();
    expect(rust.callsOf('get_backup_failure').length).toBeGreaterThan(0);
    expect(screen.queryByText(/automatic backup of/)).toBeNull();
    // A scheduled sync's backup failed in another process: the database changed.
    failure = { at: '2026-12-02T08:00:00Z', detail: 'C:\\Sauvegardes: Access is denied. (os error 5)' };
    await emit('data-changed', null);
    const notice = (await screen.findByText(/The automatic backup of .* failed/)).closest('.notice') as HTMLElement;
    expect(notice.textContent).toContain('Access is denied. (os error 5)');
    expect(notice.textContent).toContain('are not backed up');
    expect(within(notice).getByRole('button', { name: 'Settings' })).toBeTruthy();
    // Put away for this run, it stays away for that failure…
    await userEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/automatic backup of/)).toBeNull();
    await emit('data-changed', null);
    await frames();
    expect(screen.queryByText(/automatic backup of/)).toBeNull();
    // …but a later one is said again, and one that succeeds ends it.
    failure = { at: '2026-12-03T08:00:00Z', detail: 'disk full' };
    await emit('data-changed', null);
    expect(await screen.findByText(/disk full/)).toBeTruthy();
    failure = null;
    await emit('data-changed', null);
    await waitFor(() => expect(screen.queryByText(/automatic backup of/)).toBeNull());
  });

  it('shows why the groups could not be read, and reads them again on "Try again"', async () => {
    let fail = true;
    const rust = startRust({
      get_app_status: status(2),
      list_groups: () => (fail ? ipcError('storage', 'The database is locked by another program.') : [PREPAID, PAYG]),
    });
    render(App);
    expect(await screen.findByText('The database is locked by another program.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Boulangerie Lefèvre' })).toBeNull();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Boulangerie Lefèvre' })).toBeTruthy();
    expect(screen.queryByText('The database is locked by another program.')).toBeNull();
    expect(rust.callsOf('start_window')).toHaveLength(1);
    expect(rust.callsOf('list_groups')).toHaveLength(1);
    await frames();
  });

  it('shows only an explanation when the database is too new', async () => {
    const message = 'The database is at schema 7; this version of Seatkeeper handles up to 2.';
    startRust({
      get_app_status: () => ipcError('databaseTooNew', message),
      list_groups: () => ipcError('databaseTooNew', message),
    });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Seatkeeper cannot open its database' })).toBeTruthy();
    expect(screen.getByText(message)).toBeTruthy();
    expect(screen.getByText(/It was left untouched/)).toBeTruthy();
    expect(screen.queryByRole('banner')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('groups list', () => {
  it('sorts by name and opens a group with the keyboard', async () => {
    const rust = startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      get_group_overview: ({ groupId }) => overviewOf(groupId === 1 ? PREPAID : PAYG),
    });
    const user = userEvent.setup();
    render(App);
    const table = await screen.findByRole('table');
    const names = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((h) => within(h).getByRole('button').textContent?.trim());

    await user.click(within(table).getByRole('button', { name: 'Group' }));
    expect(within(table).getByRole('columnheader', { name: 'Group' }).getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Boulangerie Lefèvre', 'Cabinet Martin & Associés']);
    await user.click(within(table).getByRole('button', { name: 'Group' }));
    expect(names()).toEqual(['Cabinet Martin & Associés', 'Boulangerie Lefèvre']);

    // Tab from the sort button reaches the first row's name; Enter opens it.
    await user.tab();
    expect(document.activeElement?.textContent?.trim()).toBe('Cabinet Martin & Associés');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cabinet Martin & Associés' })).toBeTruthy();
    expect(rust.callsOf('get_group_overview')[0]?.args).toEqual({ groupId: 2 });
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('removes the sample data after confirming in a modal dialog', async () => {
    let groups: GroupSummary[] = [PREPAID, PAYG];
    const rust = startRust({
      get_app_status: () => status(groups.length),
      list_groups: () => groups,
      remove_sample_data: () => {
        groups = [];
        return null;
      },
    });
    const user = userEvent.setup();
    render(App);
    const remove = await screen.findByRole('button', { name: 'Remove sample data' });

    // Escape closes the dialog and gives the focus back.
    await user.click(remove);
    let dialog = screen.getByRole('dialog', { name: 'Remove the sample data?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(rust.callsOf('remove_sample_data')).toHaveLength(0);

    // Tab stays inside.
    await user.click(remove);
    dialog = screen.getByRole('dialog');
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Remove' }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Remove' }));

    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Seatkeeper' })).toBeTruthy();
    expect(rust.callsOf('remove_sample_data')).toHaveLength(1);
  });

  it('shows a failed removal in the alert region', async () => {
    startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      remove_sample_data: () => ipcError('storage', 'The database is locked by another program.'),
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Remove sample data' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('The database is locked by another program.'),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('sync', () => {
  it('reads the groups again when a sync ends', async () => {
    let groups: GroupSummary[] = [PREPAID];
    startRust({
      get_app_status: () => status(groups.length),
      list_groups: () => groups,
    });
    render(App);
    await screen.findByRole('button', { name: 'Boulangerie Lefèvre' });
    // The listener is registered once the first screen is up.
    await frames();
    groups = [PREPAID, PAYG];
    await emit('sync-status', {
      running: true,
      progress: null,
      online: true,
      lastSyncAt: null,
      lastError: null,
      accounts: 1,
    });
    expect(screen.queryByRole('button', { name: 'Cabinet Martin & Associés' })).toBeNull();
    await emit('sync-status', {
      running: false,
      progress: null,
      online: true,
      lastSyncAt: '2026-11-23T10:00:00Z',
      lastError: null,
      accounts: 1,
    });
    expect(await screen.findByRole('button', { name: 'Cabinet Martin & Associés' })).toBeTruthy();
    // Let the first-paint report land in this test, not the next one.
    await frames();
  });

  it('reads the groups again when another process (a scheduled sync) wrote to the database', async () => {
    let groups: GroupSummary[] = [PREPAID];
    fakeRust({
      start_window: startWindowWith(english),
      get_app_status: () => status(groups.length),
      list_groups: () => groups,
      report_first_paint: null,
    });
    render(App);
    await screen.findByRole('button', { name: 'Boulangerie Lefèvre' });
    await frames();
    groups = [PREPAID, PAYG];
    await frames();
    expect(screen.queryByRole('button', { name: 'Cabinet Martin & Associés' })).toBeNull();
    await emit('data-changed', null);
    expect(await screen.findByRole('button', { name: 'Cabinet Martin & Associés' })).toBeTruthy();
    await frames();
  });
});

describe('welcome', () => {
  it('loads the sample data and switches to the groups', async () => {
    let groups: GroupSummary[] = [];
    let finishLoading: () => void = () => {};
    const rust = startRust({
      get_app_status: () => status(groups.length),
      list_groups: () => groups,
      load_sample_data: () =>
        new Promise((resolve) => {
          finishLoading = () => {
            groups = [PREPAID, PAYG];
            resolve({ groups: 2, licences: 42, installs: 60 });
          };
        }),
    });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Seatkeeper' })).toBeTruthy();
    expect(screen.getByText('The sample data can be removed in one click at any time.')).toBeTruthy();
    await frames();
    expect(rust.callsOf('report_first_paint')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Explore with sample data' }));
    const busy = screen.getByRole('button', { name: 'Loading sample data…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(rust.callsOf('load_sample_data')).toHaveLength(1);

    finishLoading();
    expect(await screen.findByRole('heading', { level: 1, name: 'Licence groups' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Boulangerie Lefèvre' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove sample data' })).toBeTruthy();
    await frames();
    expect(rust.callsOf('report_first_paint')).toHaveLength(1);
  });

  it('shows why the sample could not be loaded', async () => {
    startRust({
      get_app_status: status(0),
      list_groups: [],
      load_sample_data: () => ipcError('precondition', 'The sample data is already loaded.'),
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Explore with sample data' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The sample data is already loaded.'));
    expect((screen.getByRole('button', { name: 'Explore with sample data' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });
});

describe('connecting', () => {
  const syncing = (done: number, total: number): SyncStatus => ({
    running: true,
    progress: { phase: 'pull', item: 'office5678.o365.ovh.com', done, total, waitSeconds: null },
    online: null,
    lastSyncAt: null,
    lastError: null,
    accounts: 1,
    retryAt: null,
    busyElsewhere: false,
  });

  it('tries the demo account from the welcome screen: progress, then the groups once the first sync ends', async () => {
    let groups: GroupSummary[] = [];
    const rust = startRust({
      get_app_status: () => status(groups.length, false),
      list_groups: () => groups,
      connect_demo: { accountId: 3, validationUrl: null },
      sync_now: null,
    });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Seatkeeper' });
    await frames();
    expect(screen.getByText(/a simulated OVHcloud running on this computer/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Try the demo account' }));
    expect(rust.callsOf('connect_demo')).toHaveLength(1);
    await screen.findByText('Reading the groups of the simulated OVHcloud…');
    expect((screen.getByRole('button', { name: 'Try the demo account' }) as HTMLButtonElement).disabled).toBe(true);

    await emit('sync-status', syncing(1, 2));
    await waitFor(() => expect((screen.getAllByRole('progressbar')[0] as HTMLProgressElement).value).toBe(1));
    const main = screen.getByRole('main');
    const bar = within(main).getByRole('progressbar') as HTMLProgressElement;
    expect(bar.max).toBe(2);
    expect(main.textContent?.replace(/\s+/g, ' ')).toContain('Syncing… reading 1/2 · office5678.o365.ovh.com');
    // Still the welcome screen while it syncs: the groups were read once, at start.
    expect(rust.callsOf('start_window')).toHaveLength(1);
    expect(rust.callsOf('list_groups')).toHaveLength(0);

    groups = [{ ...PREPAID, id: 10, isSample: false, displayName: 'Contoso — Apps for business' }];
    await emit('sync-status', {
      ...syncing(2, 2),
      running: false,
      progress: null,
      online: true,
      lastSyncAt: new Date().toISOString(),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Licence groups' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Contoso — Apps for business' })).toBeTruthy();
  });

  it('a first demo sync that fails says why, on the welcome screen', async () => {
    startRust({
      get_app_status: status(0),
      list_groups: [],
      connect_demo: { accountId: 3, validationUrl: null },
      sync_now: null,
    });
    const user = userEvent.setup();
    render(App);
    // The window listens to the sync's events once its first screen is painted.
    await frames();
    await user.click(await screen.findByRole('button', { name: 'Try the demo account' }));
    await screen.findByText('Reading the groups of the simulated OVHcloud…');
    await emit('sync-status', {
      ...syncing(0, 0),
      running: false,
      progress: null,
      online: true,
      lastSyncAt: new Date().toISOString(),
      lastError: 'Demo: something broke.',
    });
    await waitFor(() => expect(screen.getAllByRole('alert')[0]?.textContent).toContain('Demo: something broke.'));
    expect((screen.getByRole('button', { name: 'Try the demo account' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('opens the connect form from the welcome screen; Cancel closes it', async () => {
    startRust({
      get_app_status: status(0),
      list_groups: [],
      list_accounts: [],
    });
    const user = userEvent.setup();
    render(App);
    const connect = await screen.findByRole('button', { name: 'Connect an OVHcloud account' });
    await user.click(connect);
    const dialog = screen.getByRole('dialog', { name: 'Connect an OVHcloud account' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Account name'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(connect);
  });

  it('pays a demo order from Orders in progress, then wakes the sync; a real order keeps its payment page', async () => {
    const order = (id: number, isDemo: boolean): OpenOrder => ({
      id,
      accountLabel: isDemo ? 'Demo (simulated OVHcloud)' : 'Acme',
      groupId: 1,
      groupName: 'Boulangerie Lefèvre',
      licenceType: 'officeBusiness',
      quantity: isDemo ? 2 : 5,
      renewalPeriod: 'P1M',
      state: 'awaitingPayment',
      paymentUrl: isDemo
        ? 'http://127.0.0.1:4000/pay/1'
        : 'https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=1',
      createdAt: '2026-11-23T10:00:00Z',
      isDemo,
    });
    const rust = startRust({
      get_app_status: status(1),
      list_groups: [PREPAID],
      list_open_orders: [order(8, true), order(7, false)],
      pay_demo_order: null,
      sync_now: null,
      open_external: null,
    });
    const user = userEvent.setup();
    render(App);
    const section = await screen.findByRole('region', { name: 'Orders in progress' });
    const [demo, real] = within(section).getAllByRole('listitem');
    expect(within(demo!).queryByRole('button', { name: /payment page/ })).toBeNull();
    expect(within(real!).queryByRole('button', { name: /Pay \(demo\)/ })).toBeNull();
    await user.click(within(real!).getByRole('button', { name: /payment page/ }));
    expect(rust.callsOf('open_external')[0]?.args).toEqual({
      url: 'https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=1',
    });

    await user.click(
      within(demo!).getByRole('button', {
        name: 'Pay (demo) the order of 2 × Apps for business for Boulangerie Lefèvre',
      }),
    );
    await screen.findByText('Demo order paid. Its licences arrive as empty slots with the next sync.');
    expect(rust.callsOf('pay_demo_order')[0]?.args).toEqual({ orderId: 8 });
    expect(rust.callsOf('sync_now')).toHaveLength(1);
    expect(within(demo!).getByText('Paid — waiting for the sync')).toBeTruthy();
  });
});

describe('language', () => {
  it('follows the language Rust resolves and sets <html lang>', async () => {
    fakeRust({
      start_window: startWindowWith({ language: 'fr', chosenLanguage: null, theme: 'system', checkUpdates: true }),
      get_app_status: status(0),
      list_groups: [],
      report_first_paint: null,
    });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Bienvenue dans Seatkeeper' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });

  it('the switcher calls set_language and re-renders in French, then back to the system', async () => {
    const rust = startRust({
      get_app_status: status(2),
      list_groups: [PREPAID, PAYG],
      set_language: ({ language }) => ({ language: language ?? 'en', chosenLanguage: language }),
    });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Licence groups' });
    const select = screen.getByRole('combobox', { name: 'Language' }) as HTMLSelectElement;
    expect(select.value).toBe('system');

    await user.selectOptions(select, 'fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Groupes de licences' })).toBeTruthy();
    expect(rust.callsOf('set_language')[0]?.args).toEqual({ language: 'fr', systemLanguage: navigator.language });
    expect(screen.getAllByText('Prépayé')).toHaveLength(1);
    expect(screen.getByText('Paiement à l’usage')).toBeTruthy();
    expect(screen.getByText('1 déc. 2026')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Supprimer les données d’exemple' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    const frSelect = screen.getByRole('combobox', { name: 'Langue' }) as HTMLSelectElement;
    expect(frSelect.value).toBe('fr');

    await user.selectOptions(frSelect, 'system');
    expect(rust.callsOf('set_language')[1]?.args).toEqual({ language: null, systemLanguage: navigator.language });
    expect(await screen.findByRole('heading', { level: 1, name: 'Licence groups' })).toBeTruthy();
  });
});
