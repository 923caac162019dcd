import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { historyOf, makeLicences, overviewOf, PAYG, PREPAID } from '../../test/fixtures';
import type { GroupOverview, GroupSummary } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import GroupPage from './GroupPage.svelte';

function tile(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** The value next to a term of a description list. */
function valueOf(container: HTMLElement, term: string): string {
  const dt = within(container).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('group page, overview', () => {
  it('shows the counts, cost, orders and everything about the offer', async () => {
    const rust = fakeRust({ get_group_overview: overviewOf(PREPAID), open_external: null });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });

    expect(screen.getByRole('heading', { level: 1, name: 'Boulangerie Lefèvre' })).toBeTruthy();
    await screen.findByRole('region', { name: 'General information' });
    expect(rust.callsOf('get_group_overview')[0]?.args).toEqual({ groupId: 1 });

    const general = tile('General information');
    expect(valueOf(general, 'Service name')).toBe('office4417.o365.ovh.com');
    expect(valueOf(general, 'Type')).toBe('Prepaid');
    expect(valueOf(general, 'Domain')).toBe('office4417.o365.ovh.com');
    const apps = within(general).getByRole('list', { name: 'Included apps' });
    expect(
      within(apps)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Excel', 'Word', 'PowerPoint', 'Outlook', 'OneNote', 'Publisher']);

    const offer = tile('My offer');
    expect(valueOf(offer, 'Created on')).toBe('Sep 30, 2025');
    expect(valueOf(offer, 'Status')).toBe('Active');
    expect(valueOf(offer, 'Next payment')).toBe('Dec 1, 2026');
    expect(valueOf(offer, 'Microsoft agreement signed')).toBe('Yes');
    const renewal = tile('Renewal');
    expect(valueOf(renewal, 'How it renews')).toBe('Renews automatically');
    expect(valueOf(renewal, 'Renewal period')).toBe('Every month');
    expect(valueOf(renewal, 'Next renewal')).toBe('Dec 30, 2026');
    expect(within(renewal).getByRole('button', { name: 'Change the renewal' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Domains' })).toBeNull();

    const licences = tile('Licences');
    const row = within(licences).getByRole('row', { name: /Apps for business/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent?.trim()),
    ).toEqual(['30', '22', '8', '€10.30']);
    expect(within(licences).getByText('€309.00')).toBeTruthy();

    const unused = tile('Unused seats');
    expect(within(unused).getByText('8 licences without a user')).toBeTruthy();
    expect(within(unused).getByText('5 users without any install')).toBeTruthy();

    const orders = tile('Orders in progress');
    expect(within(orders).getByText('5 × Apps for business')).toBeTruthy();
    expect(within(orders).getByText('Waiting for payment')).toBeTruthy();
    expect(within(orders).getByText('Ordered on Nov 22, 2026')).toBeTruthy();
    await user.click(within(orders).getByRole('button', { name: /payment page/ }));
    expect(rust.callsOf('open_external')[0]?.args).toEqual({
      url: 'https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=212834177',
    });

    expect(within(tile('Pending changes')).getByText('0 changes waiting')).toBeTruthy();

    await user.click(
      within(tile('Install Microsoft 365')).getByRole('button', { name: 'Open the Microsoft 365 portal' }),
    );
    expect(rust.callsOf('open_external')[1]?.args).toEqual({ url: 'https://portal.office.com/' });
  });

  it('pay as you go: no next payment, unknown prices, no orders, enterprise apps', async () => {
    const overview: GroupOverview = {
      ...overviewOf(PAYG),
      monthlyCost: null,
      renewal: { ...overviewOf(PAYG).renewal!, mode: 'manual' },
      renewalPending: true,
      byType: [{ licenceType: 'officeProPlus', total: 12, assigned: 12, free: 0, pricePerMonth: null }],
    };
    fakeRust({ get_group_overview: overview });
    render(GroupPage, { props: { group: PAYG, onBack: () => {} } });
    const offer = await screen.findByRole('region', { name: 'My offer' });
    expect(within(offer).queryByText('Next payment')).toBeNull();
    expect(within(offer).queryByText('Microsoft agreement signed')).toBeNull();
    const renewal = tile('Renewal');
    expect(valueOf(renewal, 'How it renews')).toBe('Renewed by hand Pending');
    expect(valueOf(renewal, 'Ends on')).toBe('Dec 30, 2026');
    expect(within(renewal).getByText('A change is on its way to OVHcloud.')).toBeTruthy();
    expect(within(renewal).getByRole('button', { name: 'Open OVHcloud’s control panel' })).toBeTruthy();
    // Its domains: the one Microsoft has not verified says what to do, with its record.
    const domains = tile('Domains');
    expect(within(domains).getByText('Not verified')).toBeTruthy();
    expect(within(domains).getByText('MS=ms46521239')).toBeTruthy();
    expect(within(domains).getByText(/Add this TXT record to the DNS zone of martin-associes.fr/)).toBeTruthy();
    expect(within(domains).getByRole('button', { name: 'Copy the TXT record of martin-associes.fr' })).toBeTruthy();
    expect(within(tile('Licences')).getAllByText('price unknown')).toHaveLength(2);
    expect(within(tile('Orders in progress')).getByText('No order in progress.')).toBeTruthy();
    const apps = within(tile('General information')).getByRole('list', { name: 'Included apps' });
    expect(within(apps).getAllByRole('listitem')).toHaveLength(7);
    expect(within(apps).getByText('Access')).toBeTruthy();
    expect(within(tile('Pending changes')).getByText('2 changes waiting')).toBeTruthy();
  });

  it('a part OVHcloud did not give at the last sync is said with why; it shows what was read before', async () => {
    const reason =
      'OVHcloud answered GET /license/office/office7421.o365.ovh.com/serviceInfos in a shape Seatkeeper cannot read (missing field `expiration`). Reference for OVHcloud support: EU.ext-3.6101.';
    fakeRust({
      get_group_overview: {
        ...overviewOf(PAYG),
        staleParts: [
          { part: 'renewal', since: '2026-11-23T10:00:00Z', reason },
          { part: 'domains', since: '2026-11-23T10:00:00Z', reason: 'OVHcloud refused GET /x: gone.' },
        ],
      },
    });
    render(GroupPage, { props: { group: PAYG, onBack: () => {} } });
    const renewal = await screen.findByRole('region', { name: 'Renewal' });
    // What was read before still shows, marked; the page says which part, since when, and why.
    expect(valueOf(renewal, 'How it renews')).toBe('Renews automatically Not up to date');
    expect(within(tile('Domains')).getByText('Not up to date')).toBeTruthy();
    const said = screen.getByText(/Seatkeeper could not read how this group renews at OVHcloud since/);
    expect(said.textContent).toContain(reason);
    expect(said.textContent).toContain('could not read its domains at OVHcloud');
    expect(said.textContent).toContain('the rest of this group is up to date');
    // The general "sync error" is for a group not read at all: not shown here.
    expect(screen.queryByText(/OVHcloud could not be read for this group/)).toBeNull();
  });

  it('a renewal never read says its answer could not be read, not that OVHcloud has not said', async () => {
    fakeRust({
      get_group_overview: {
        ...overviewOf(PREPAID),
        renewal: null,
        staleParts: [{ part: 'renewal', since: '2026-11-23T10:00:00Z', reason: 'OVHcloud refused GET /x: gone.' }],
      },
    });
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    const renewal = await screen.findByRole('region', { name: 'Renewal' });
    expect(within(renewal).getByText(/answer on how this group renews could not be read/)).toBeTruthy();
    expect(within(renewal).queryByText(/has not said yet/)).toBeNull();
    expect(within(renewal).queryByRole('button', { name: 'Change the renewal' })).toBeNull();
  });

  it('a demo order awaiting payment is paid from the overview (Pay (demo)), then the sync is woken', async () => {
    const overview = overviewOf(PREPAID);
    const rust = fakeRust({
      get_group_overview: overview,
      list_open_orders: [
        {
          id: 7,
          accountLabel: 'Demo (simulated OVHcloud)',
          groupId: 1,
          groupName: PREPAID.displayName,
          licenceType: 'officeBusiness',
          quantity: 5,
          renewalPeriod: 'P1M',
          state: 'awaitingPayment',
          paymentUrl: null,
          createdAt: '2026-11-22T09:30:00Z',
          isDemo: true,
        },
      ],
      pay_demo_order: null,
      sync_now: null,
    });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    const orders = await screen.findByRole('region', { name: 'Orders in progress' });
    const pay = await within(orders).findByRole('button', { name: 'Pay (demo) the order of 5 × Apps for business' });
    expect(within(orders).queryByRole('button', { name: /payment page/ })).toBeNull();
    await user.click(pay);
    await within(orders).findByText('Demo order paid. Its licences arrive as empty slots with the next sync.');
    expect(rust.callsOf('pay_demo_order')[0]?.args).toEqual({ orderId: 7 });
    expect(rust.callsOf('sync_now')).toHaveLength(1);
    expect(within(orders).getByText('Paid — waiting for the sync')).toBeTruthy();
  });

  it('an external link Rust refuses shows in the alert region', async () => {
    fakeRust({
      get_group_overview: overviewOf(PREPAID),
      open_external: () => ipcError('untrustedUrl', 'Seatkeeper only opens OVHcloud and Microsoft pages.'),
    });
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await userEvent.click(await screen.findByRole('button', { name: 'Open the Microsoft 365 portal' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Seatkeeper only opens OVHcloud and Microsoft pages.'),
    );
  });

  it('renames: a field error from Rust shows under the input, then the rename succeeds', async () => {
    let current: GroupSummary = { ...PREPAID };
    const rust = fakeRust({
      get_group_overview: () => overviewOf(current),
      rename_group: ({ name }) => {
        if (String(name).trim() === '') {
          ipcError('invalidInput', 'The group name is required.', { rule: 'name.empty', field: 'displayName' });
        }
        current = { ...current, displayName: String(name).trim(), pendingChanges: current.pendingChanges + 1 };
        return current;
      },
    });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    const general = await screen.findByRole('region', { name: 'General information' });

    await user.click(within(general).getByRole('button', { name: 'Rename' }));
    const input = within(general).getByRole('textbox', { name: 'New group name' }) as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('Boulangerie Lefèvre');

    await user.clear(input);
    await user.keyboard('{Enter}');
    const error = await within(general).findByText('The group name is required.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(rust.callsOf('rename_group')[0]?.args).toEqual({ groupId: 1, name: '' });
    // A field error is not repeated in the page's alert region.
    expect(screen.getByRole('alert').textContent?.trim()).toBe('');

    await user.type(input, 'Boulangerie du Port{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Boulangerie du Port'));
    expect(rust.callsOf('rename_group')[1]?.args).toEqual({ groupId: 1, name: 'Boulangerie du Port' });
    await waitFor(() => expect(within(tile('Pending changes')).getByText('1 change waiting')).toBeTruthy());
    expect(rust.callsOf('get_group_overview').length).toBeGreaterThanOrEqual(2);
    expect(within(general).queryByRole('textbox')).toBeNull();
    expect(within(general).getByRole('status').textContent).toContain('Group renamed to “Boulangerie du Port”.');
    expect(document.activeElement).toBe(within(general).getByRole('button', { name: 'Rename' }));
  });

  it('Escape cancels a rename without calling Rust', async () => {
    const rust = fakeRust({ get_group_overview: overviewOf(PREPAID) });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    const general = await screen.findByRole('region', { name: 'General information' });
    await user.click(within(general).getByRole('button', { name: 'Rename' }));
    await user.keyboard('Something else{Escape}');
    expect(within(general).queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(within(general).getByRole('button', { name: 'Rename' }));
    expect(rust.callsOf('rename_group')).toHaveLength(0);
  });

  it('a rename error not about the name goes to the alert region', async () => {
    fakeRust({
      get_group_overview: overviewOf(PREPAID),
      rename_group: () => ipcError('notFound', 'This group no longer exists.'),
    });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This group no longer exists.'));
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('group page, shortcuts', () => {
  it('the overview offers Add user on a pay-as-you-go group, and the group’s pending changes', async () => {
    const rust = fakeRust({
      get_group_overview: overviewOf(PAYG),
      add_user: ({ account }) => ({
        ...makeLicences(1)[0],
        ...(account as object),
        activationEmail: 'nina.simone@office7421.o365.ovh.com',
      }),
    });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PAYG, onBack: () => {} } });
    const licences = await screen.findByRole('region', { name: 'Licences' });
    expect(within(licences).queryByRole('button', { name: 'Order more licences' })).toBeNull();
    await user.click(within(licences).getByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a user' });
    expect(within(dialog).getByText('@office7421.o365.ovh.com')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Nina');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Simone');
    await user.type(within(dialog).getByRole('textbox', { name: 'Login' }), 'nina.simone');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rust.callsOf('add_user')[0]?.args.licenceType).toBe('officeProPlus');
    expect(
      screen
        .getAllByRole('status')
        .some((s) => s.textContent?.includes('User Nina Simone (nina.simone@office7421.o365.ovh.com) added.')),
    ).toBe(true);
    // Everything reads Rust again.
    await waitFor(() => expect(rust.callsOf('get_group_overview').length).toBeGreaterThanOrEqual(2));

    await user.click(
      within(screen.getByRole('region', { name: 'Pending changes' })).getByRole('button', {
        name: 'Review pending changes',
      }),
    );
    expect(await screen.findByRole('dialog', { name: 'Pending changes' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /Only the changes of/ })).toBeTruthy();
    await user.keyboard('{Escape}');
  });

  it('a prepaid group orders more licences from the overview', async () => {
    fakeRust({
      get_group_overview: overviewOf(PREPAID),
      list_accounts: [{ id: 1, label: 'Sample data', endpoint: 'ovh-eu', isSample: true }],
      get_catalog: [],
    });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    const licences = await screen.findByRole('region', { name: 'Licences' });
    await user.click(within(licences).getByRole('button', { name: 'Order more licences' }));
    expect(screen.getByRole('dialog', { name: 'Order more licences for Boulangerie Lefèvre' })).toBeTruthy();
  });
});

describe('group page, tabs', () => {
  it('follow the WAI-ARIA tabs pattern', async () => {
    fakeRust({
      get_group_overview: overviewOf(PREPAID),
      list_licences: makeLicences(30, { empty: 8 }),
      list_history: historyOf(PREPAID),
    });
    const onBack = vi.fn();
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack } });
    const tablist = screen.getByRole('tablist', { name: 'Group sections' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent?.trim())).toEqual(['Overview', 'Licences', 'Installs', 'Usage', 'History']);
    const selected = () => within(tablist).getByRole('tab', { selected: true });
    expect(selected().textContent?.trim()).toBe('Overview');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    expect(screen.getByRole('tabpanel', { name: 'Overview' })).toBeTruthy();

    tabs[0]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(selected().textContent?.trim()).toBe('Licences');
    expect(document.activeElement).toBe(tabs[1]);
    expect(screen.getByRole('tabpanel', { name: 'Licences' })).toBeTruthy();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tabs[4]);
    expect(await screen.findByText('Group “Boulangerie Lefèvre” created')).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    expect(selected().textContent?.trim()).toBe('Overview');
    await user.keyboard('{ArrowLeft}');
    expect(selected().textContent?.trim()).toBe('History');
    await user.keyboard('{Home}');
    expect(selected().textContent?.trim()).toBe('Overview');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1]);

    await user.click(screen.getByRole('button', { name: 'Back to licence groups' }));
    expect(onBack).toHaveBeenCalledOnce();
  });
});

describe('group page, licences', () => {
  it('lists the licences and filters them by name or e-mail', async () => {
    const rust = fakeRust({ get_group_overview: overviewOf(PREPAID), list_licences: makeLicences(30, { empty: 8 }) });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await user.click(screen.getByRole('tab', { name: 'Licences' }));
    const table = await screen.findByRole('table', { name: 'Licences of the group' });
    expect(rust.callsOf('list_licences')[0]?.args).toEqual({ groupId: 1 });
    expect(table.getAttribute('aria-rowcount')).toBe('31');
    expect(screen.getByText('30 licences')).toBeTruthy();

    const cells = (rowIndex: number) =>
      within(table.querySelector(`[aria-rowindex="${rowIndex}"]`) as HTMLElement)
        .getAllByRole('cell')
        .slice(1) // the selection checkbox
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    // Licence 1: Camille Martin, active, 1 computer, 1 tablet, 1 phone.
    expect(cells(2).slice(0, 5)).toEqual([
      'Camille',
      'Martin',
      'camille.martin@office4417.o365.ovh.com',
      'Apps for business',
      'Active',
    ]);
    expect(cells(2)[5]).toContain('1/5 · 1/5 · 1/5');
    expect(cells(5)[4]).toBe('Creating…');
    expect(cells(5)[6]).toBe('Pending');
    expect(cells(7)[4]).toBe('Suspended');

    const search = screen.getByRole('searchbox', { name: 'Search licences' });
    await user.type(search, 'lefevre');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.textContent).toContain('Lefèvre');
    expect(screen.getByText(`${rows.length} of 30 licences`)).toBeTruthy();

    await user.clear(search);
    await user.type(search, 'nobody-here');
    expect(within(table).getAllByRole('row')).toHaveLength(1);
    expect(screen.getByText('No licence matches your search.')).toBeTruthy();
  });

  it('shows unconfigured slots as such', async () => {
    fakeRust({ get_group_overview: overviewOf(PREPAID), list_licences: makeLicences(3, { empty: 1 }) });
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await fireEvent.click(screen.getByRole('tab', { name: 'Licences' }));
    const table = await screen.findByRole('table');
    const last = within(table.querySelector('[aria-rowindex="4"]') as HTMLElement)
      .getAllByRole('cell')
      .slice(1);
    expect(last[4]?.textContent?.trim()).toBe('Not configured');
    expect(last[0]?.textContent?.trim()).toBe('');
  });
});

describe('group page, history', () => {
  it('tells each change in a sentence, with its date and origin', async () => {
    fakeRust({
      get_group_overview: overviewOf(PREPAID),
      list_licences: makeLicences(3),
      list_history: [
        {
          id: 9,
          at: '2026-11-23T22:04:05Z',
          origin: 'user',
          kind: 'groupRenamed',
          licenceId: null,
          details: { from: 'Old', to: 'New' },
        },
        ...historyOf(PREPAID),
      ],
    });
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('p')?.textContent)).toEqual([
      'Group renamed from “Old” to “New”',
      'Order placed for 5 × Apps for business',
      'Licence activated for Camille Martin (camille.martin@office4417.o365.ovh.com)',
      'Change “licenceSuspended”',
      'Group “Boulangerie Lefèvre” created',
    ]);
    expect(within(items[0]!).getByText('You')).toBeTruthy();
    expect(
      within(items[0]!).getByText('Nov 23, 2026, 10:04 PM', { normalizer: (s) => s.replace(/\s/g, ' ') }),
    ).toBeTruthy();
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-23T22:04:05Z');
    expect(within(items[2]!).getByText('Sync')).toBeTruthy();
    expect(within(items[1]!).getByText('Sample')).toBeTruthy();
  });
});

describe('group page, licences read ahead', () => {
  it('reads the licences once the overview is shown, so the Licences tab draws them without asking again', async () => {
    const rust = fakeRust({ get_group_overview: overviewOf(PREPAID), list_licences: makeLicences(40) });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: PREPAID, onBack: () => {} } });
    await screen.findByRole('region', { name: 'General information' });
    await waitFor(() => expect(rust.callsOf('list_licences')).toHaveLength(1));

    await user.click(screen.getByRole('tab', { name: 'Licences' }));
    // Drawn at once from what was read: no wait for an answer, no second read.
    expect(screen.getByRole('searchbox')).toBeTruthy();
    expect(screen.getAllByRole('row').length).toBeGreaterThan(5);
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    await user.click(screen.getByRole('tab', { name: 'Licences' }));
    expect(rust.callsOf('list_licences')).toHaveLength(1);
  });
});
