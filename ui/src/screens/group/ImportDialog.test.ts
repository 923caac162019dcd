import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import ImportDialog from './ImportDialog.svelte';

const CSV = 'first name,last name,login\nAmélie,Poulain,amelie.poulain\nBad,Login,.bad\nNina,Simone,nina.simone\n';

const PREVIEW: ImportPreview = {
  rows: [
    { line: 2, firstName: 'Amélie', lastName: 'Poulain', login: 'amelie.poulain', usageLocation: 'FR', problems: [] },
    {
      line: 3,
      firstName: 'Bad',
      lastName: 'Login',
      login: '.bad',
      usageLocation: 'FR',
      problems: ['The login cannot start or end with a full stop, nor contain two full stops in a row.'],
    },
    { line: 4, firstName: 'Nina', lastName: 'Simone', login: 'nina.simone', usageLocation: 'FR', problems: [] },
  ],
  accepted: 2,
  refused: 1,
  freeSlots: 8,
};

const BYTES = Array.from(new TextEncoder().encode(CSV));

describe('import dialog', () => {
  it('previews each row accepted or refused, queues nothing until confirmed, then imports', async () => {
    // The system's open dialog (in Rust): cancelled once, then a file chosen.
    const answers = [null, { fileName: 'staff.csv', bytes: BYTES, preview: PREVIEW }];
    const rust = fakeRust({ choose_import_file: () => answers.shift(), import_users: 2 });
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(ImportDialog, { props: { groupId: 1, family: 'prepaid', onDone, onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog', { name: 'Import users from a CSV file' });
    const choose = within(dialog).getByRole('button', { name: 'Choose a CSV file…' });
    expect(document.activeElement).toBe(choose);
    await user.click(choose);
    await waitFor(() => expect(choose.getAttribute('aria-busy')).toBe('false'));
    expect(within(dialog).queryByRole('heading', { name: /accepted/ })).toBeNull();
    await user.click(choose);

    await within(dialog).findByRole('heading', { name: '2 accepted, 1 refused' });
    expect(rust.callsOf('choose_import_file')[1]?.args).toEqual({ groupId: 1 });
    expect(dialog.textContent).toContain('staff.csv');
    expect(within(dialog).getByRole('button', { name: 'Choose another file…' })).toBeTruthy();
    expect(dialog.textContent).toContain('The group has 8 free licences for them.');
    const table = within(dialog).getByRole('table', { name: 'Rows of the file' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').at(-1)?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Accepted',
      'Refused The login cannot start or end with a full stop, nor contain two full stops in a row.',
      'Accepted',
    ]);
    expect(rust.callsOf('import_users')).toHaveLength(0);
    expect(dialog.textContent).toContain('Nothing has been saved yet.');

    await user.click(within(dialog).getByRole('button', { name: 'Import 2 users' }));
    await within(dialog).findByRole('heading', { name: '2 users imported' });
    expect(rust.callsOf('import_users')[0]?.args).toEqual({ groupId: 1, bytes: BYTES });
    expect(onDone).toHaveBeenCalledWith(2);
  });

  it('refuses a whole file with the reason beside the button', async () => {
    fakeRust({
      choose_import_file: () =>
        ipcError(
          'invalidInput',
          'The file has 12 users but the group has only 8 free licences. Order more licences first, or import fewer users.',
        ),
    });
    render(ImportDialog, { props: { groupId: 1, family: 'prepaid', onDone: vi.fn(), onClose: vi.fn() } });
    const input = screen.getByRole('button', { name: 'Choose a CSV file…' });
    await fireEvent.click(input);
    await waitFor(() => expect(input.getAttribute('aria-describedby')).toContain('-error'));
    const errorId = input
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toContain('only 8 free licences');
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
  });
});
