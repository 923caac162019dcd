import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeLicences } from '../../test/fixtures';
import type { LicenceRow } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import LicencesTab from './LicencesTab.svelte';

function props(overrides: Record<string, unknown> = {}) {
  return {
    groupId: 1,
    family: 'prepaid' as const,
    offer: 'officeBusiness' as const,
    domain: 'office4417.o365.ovh.com',
    onError: vi.fn(),
    onNotice: vi.fn(),
    onShowInstalls: vi.fn(),
    onOrderMore: vi.fn(),
    onAddUser: vi.fn(),
    ...overrides,
  };
}

const dataRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const lastNames = (table: HTMLElement) =>
  dataRows(table).map((row) => within(row).getAllByRole('cell')[2]?.textContent?.trim());

describe('licences tab with 10,000 rows', () => {
  it('filters, sorts and selects while only a window of rows is in the page', async () => {
    const rows = makeLicences(10_000, { empty: 100 });
    const rust = fakeRust({ list_licences: rows, free_licences: ({ licenceIds }) => (licenceIds as number[]).length });
    const user = userEvent.setup();
    render(LicencesTab, { props: props() });
    const table = await screen.findByRole('table', { name: 'Licences of the group' });
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(dataRows(table).length).toBeLessThan(40);
    expect(screen.getByText('10,000 licences')).toBeTruthy();

    // By state: the empty slots.
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Not configured');
    expect(screen.getByText('100 of 10,000 licences')).toBeTruthy();
    expect(table.getAttribute('aria-rowcount')).toBe('101');
    for (const row of dataRows(table)) expect(row.textContent).toContain('Not configured');
    // By state and search together.
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Suspended');
    expect(screen.getByText('1 of 10,000 licences')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'All');
    // By type: no enterprise licence here.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Apps for business');
    expect(screen.getByText('10,000 of 10,000 licences')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'All');

    // Sort by last name, both ways; aria-sort tells which.
    const lastHeader = within(table).getByRole('columnheader', { name: 'Last name' });
    await user.click(within(lastHeader).getByRole('button'));
    expect(lastHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(lastNames(table).slice(0, 3)).toEqual(['Bernard', 'Bernard', 'Bernard']);
    await user.click(within(lastHeader).getByRole('button'));
    expect(lastHeader.getAttribute('aria-sort')).toBe('descending');
    expect(lastNames(table)[0]).toBe('Thomas');
    expect(dataRows(table).length).toBeLessThan(40);

    // Select every licence shown by a search, with one click.
    await user.type(screen.getByRole('searchbox', { name: 'Search licences' }), 'lefevre');
    const shown = Number(
      /^([\d,]+) of/.exec(screen.getByText(/of 10,000 licences/).textContent ?? '')?.[1]?.replace(/,/g, ''),
    );
    expect(shown).toBe(990);
    await user.click(screen.getByRole('checkbox', { name: `Select the ${shown.toLocaleString('en')} licences shown` }));
    const bulk = screen.getByRole('region', { name: 'Selected licences' });
    expect(within(bulk).getByText('990 licences selected')).toBeTruthy();
    expect(dataRows(table).length).toBeLessThan(40);
    for (const box of within(table).getAllByRole('checkbox').slice(1))
      expect((box as HTMLInputElement).checked).toBe(true);
    // Unticking one row makes the header checkbox mixed.
    await user.click(within(dataRows(table)[0]!).getByRole('checkbox'));
    expect(within(bulk).getByText('989 licences selected')).toBeTruthy();
    expect((within(table).getAllByRole('checkbox')[0] as HTMLInputElement).indeterminate).toBe(true);

    // Bulk free, confirmed in a dialog with the billing note.
    await user.click(within(bulk).getByRole('button', { name: /^Free/ }));
    const dialog = screen.getByRole('dialog', { name: /^Free \d+ licences\?$/ });
    expect(dialog.textContent).toContain('still invoices the current month');
    await user.click(within(dialog).getByRole('button', { name: 'Free' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const freed = rust.callsOf('free_licences')[0]?.args.licenceIds as number[];
    expect(freed.length).toBeGreaterThan(900);
    // Reloaded from Rust after the change.
    await waitFor(() => expect(rust.callsOf('list_licences').length).toBe(2));
  });
});

describe('licences tab, row menu', () => {
  it('opens with Enter, moves with the arrows, closes with Escape, and disables what does not apply', async () => {
    fakeRust({ list_licences: makeLicences(4, { empty: 1 }) });
    const user = userEvent.setup();
    const p = props();
    render(LicencesTab, { props: p });
    const button = await screen.findByRole('button', { name: 'Actions for Camille Martin' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    button.focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Actions for Camille Martin' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent?.trim())).toEqual([
      'Edit account',
      'Change password',
      'Activation information',
      'Installs',
      'Free the licence',
      'Terminate…',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(items[3]);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(items[2]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(items[5]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    // Installs jumps to the Installs tab for that user.
    await user.keyboard(' ');
    await user.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Installs' }));
    expect(p.onShowInstalls).toHaveBeenCalledWith(1);

    // An empty slot: activation only.
    const slot = screen.getByRole('button', { name: /^Actions for empty licence/ });
    await user.click(slot);
    const slotItems = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(slotItems.map((i) => [i.textContent?.trim(), i.getAttribute('aria-disabled')])).toEqual([
      ['Edit account (activate)', null],
      ['Change password', 'true'],
      ['Activation information', 'true'],
      ['Installs', 'true'],
      ['Free the licence', 'true'],
      ['Terminate…', null],
    ]);
    await user.click(slotItems[1]!);
    expect(screen.getByRole('menu')).toBeTruthy();
    await user.click(slotItems[0]!);
    expect(screen.getByRole('dialog', { name: 'Activate a licence' })).toBeTruthy();
  });

  it('shows a user’s activation information, with the portal and the remote-desktop guide', async () => {
    const rust = fakeRust({ list_licences: makeLicences(2), open_external: null });
    const user = userEvent.setup();
    render(LicencesTab, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Actions for Camille Martin' }));
    await user.click(screen.getByRole('menuitem', { name: 'Activation information' }));
    const dialog = screen.getByRole('dialog', { name: 'Activation information: Camille Martin' });
    expect(dialog.textContent).toContain('camille.martin@office4417.o365.ovh.com');
    expect(dialog.textContent).toContain('5 computers (PC or Mac), 5 tablets and 5 phones');
    await user.click(within(dialog).getByRole('button', { name: 'Open the Microsoft 365 portal' }));
    await user.click(within(dialog).getByRole('button', { name: 'Open the remote desktop guide' }));
    expect(rust.callsOf('open_external').map((c) => c.args.url)).toEqual([
      'https://portal.office.com/',
      'https://docs.ovh.com/fr/microsoft-collaborative-solutions/office365-proplus-bureau-a-distance/',
    ]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Actions for Camille Martin' }));
  });

  it('frees one licence after confirming, and keeps the dialog open on a refusal', async () => {
    let rows: LicenceRow[] = makeLicences(3);
    let attempts = 0;
    const rust = fakeRust({
      list_licences: () => rows,
      free_licences: ({ licenceIds }) => {
        attempts += 1;
        if (attempts === 1)
          ipcError('precondition', 'This licence is being created or deleted at OVHcloud; wait until it is done.');
        rows = rows.map((r) =>
          (licenceIds as number[]).includes(r.id)
            ? { ...r, state: 'deleting', hasPendingChange: true, blocked: 'busy' }
            : r,
        );
        return 1;
      },
    });
    const user = userEvent.setup();
    const p = props({ family: 'payAsYouGo' });
    render(LicencesTab, { props: p });
    await user.click(await screen.findByRole('button', { name: 'Actions for Camille Martin' }));
    await user.click(screen.getByRole('menuitem', { name: 'Free the licence' }));
    const dialog = screen.getByRole('dialog', { name: 'Free the licence of Camille Martin?' });
    expect(dialog.textContent).toContain('The user is deleted at OVHcloud');
    expect(dialog.textContent).toContain('still invoices the current month');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Free' }));
    await within(dialog).findByText(/wait until it is done/);
    await user.click(within(dialog).getByRole('button', { name: 'Free' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rust.callsOf('free_licences')[1]?.args).toEqual({ licenceIds: [1] });
    expect(p.onNotice).toHaveBeenCalledWith('1 licence freed. The change is queued for OVHcloud.');
    const table = screen.getByRole('table');
    await waitFor(() => expect(dataRows(table)[0]?.textContent).toContain('Deleting…'));
    // The focus is back on the row's menu button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Actions for Camille Martin' }));
  });

  it('exports all or the selected licences where the user chose, and says nothing when cancelled', async () => {
    // Rust asks where in the system's save dialog: the first time the user picks a file,
    // the second time they cancel.
    const answers = ['/home/me/Documents/office4417-licences.csv', null];
    const rust = fakeRust({
      list_licences: makeLicences(5),
      export_licences: () => answers.shift(),
    });
    const user = userEvent.setup();
    const p = props();
    render(LicencesTab, { props: p });
    await user.click(await screen.findByRole('button', { name: 'Export (CSV, Excel)' }));
    await waitFor(() =>
      expect(p.onNotice).toHaveBeenCalledWith('Licences saved to /home/me/Documents/office4417-licences.csv'),
    );
    expect(rust.callsOf('export_licences')[0]?.args).toEqual({ groupId: 1, licenceIds: null });
    await user.click(screen.getByRole('checkbox', { name: 'Select Louis Laurent' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Camille Martin' }));
    await user.click(screen.getByRole('button', { name: 'Export (2)' }));
    await waitFor(() => expect(rust.callsOf('export_licences')).toHaveLength(2));
    expect(rust.callsOf('export_licences')[1]?.args).toEqual({ groupId: 1, licenceIds: [1, 2] });
    // The export is over (its buttons free again), and it said nothing.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Export (CSV, Excel)' }).getAttribute('aria-busy')).toBe('false'),
    );
    expect(p.onNotice).toHaveBeenCalledTimes(1);
  });

  it('offers Order more licences on prepaid groups and Add user on pay-as-you-go ones', async () => {
    fakeRust({ list_licences: [] });
    const user = userEvent.setup();
    const p = props();
    const { unmount } = render(LicencesTab, { props: p });
    await user.click(await screen.findByRole('button', { name: 'Order more licences' }));
    expect(p.onOrderMore).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Add user' })).toBeNull();
    unmount();
    const q = props({ family: 'payAsYouGo' });
    render(LicencesTab, { props: q });
    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    expect(q.onAddUser).toHaveBeenCalled();
  });
});
