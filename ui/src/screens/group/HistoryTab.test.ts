import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { historyOf, makeLicences, PREPAID } from '../../test/fixtures';
import type { HistoryEntry, HistoryFilter } from '../../lib/bindings';
import { fakeRust } from '../../test/ipc';
import HistoryTab from './HistoryTab.svelte';

describe('history tab', () => {
  it('filters by licence and by kind through Rust', async () => {
    const all = historyOf(PREPAID);
    const rust = fakeRust({
      list_licences: makeLicences(3, { empty: 1 }),
      list_history: ({ filter }) => {
        const f = (filter ?? { licenceId: null, kind: null }) as HistoryFilter;
        return all.filter(
          (e: HistoryEntry) =>
            (f.licenceId === null || e.licenceId === f.licenceId) && (f.kind === null || e.kind === f.kind),
        );
      },
    });
    const user = userEvent.setup();
    render(HistoryTab, { props: { groupId: 1, onError: vi.fn() } });
    await screen.findByText('4 entries');
    expect(rust.callsOf('list_history')[0]?.args).toEqual({ groupId: 1 });

    const licence = screen.getByRole('combobox', { name: 'Licence' });
    // The group's users, not its empty slots.
    await waitFor(() => expect(within(licence).getAllByRole('option')).toHaveLength(3));
    expect(
      within(licence)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'All licences',
      'Camille Martin (camille.martin@office4417.o365.ovh.com)',
      'Louis Laurent (louis.laurent@office4417.o365.ovh.com)',
    ]);
    await user.selectOptions(licence, 'Camille Martin (camille.martin@office4417.o365.ovh.com)');
    await screen.findByText('1 entry');
    expect(rust.callsOf('list_history').at(-1)?.args).toEqual({ groupId: 1, filter: { licenceId: 1, kind: null } });
    expect(
      screen.getByText('Licence activated for Camille Martin (camille.martin@office4417.o365.ovh.com)'),
    ).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'What happened' }), 'Group created');
    await screen.findByText('Nothing matches these filters.');
    expect(rust.callsOf('list_history').at(-1)?.args).toEqual({
      groupId: 1,
      filter: { licenceId: 1, kind: 'groupCreated' },
    });

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('4 entries');
  });
});
