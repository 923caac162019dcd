import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeRust, ipcError } from '../test/ipc';
import type { UpdateOffer } from './bindings';
import UpdateDialog from './UpdateDialog.svelte';

const OFFER: UpdateOffer = {
  version: '0.2.0',
  currentVersion: '0.1.0',
  notes: '- Backups and restores\n- Settings',
  date: '2026-12-10T08:00:00Z',
};

describe('update dialog', () => {
  it('shows the release notes and installs nothing until the user chooses Install', async () => {
    const rust = fakeRust({ install_update: null, restart_app: null });
    const user = userEvent.setup();
    render(UpdateDialog, { props: { offer: OFFER, onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog', { name: 'Seatkeeper 0.2.0 is available' });
    expect(dialog.textContent).toContain('You have Seatkeeper 0.1.0; version 0.2.0 is available.');
    const notes = within(dialog).getByRole('region', { name: 'What’s new' });
    expect(notes.textContent?.trim()).toBe(OFFER.notes);
    expect(dialog.textContent).toContain('Nothing is installed until you choose Install.');
    expect(rust.callsOf('install_update')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Install' }));
    await within(dialog).findByText('Seatkeeper 0.2.0 is installed. Restart Seatkeeper to use it.');
    expect(rust.callsOf('install_update')).toHaveLength(1);
    expect(rust.callsOf('restart_app')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Restart now' }));
    expect(rust.callsOf('restart_app')).toHaveLength(1);
  });

  it('says why an update was refused (a bad signature) and can be closed', async () => {
    fakeRust({
      install_update: () =>
        ipcError(
          'remote',
          'The update could not be checked or installed: the signature does not match. Nothing was changed.',
        ),
    });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(UpdateDialog, { props: { offer: { ...OFFER, notes: null }, onClose } });
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('This version came without release notes.');
    await user.click(within(dialog).getByRole('button', { name: 'Install' }));
    const alert = await within(dialog).findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('signature does not match'));
    expect(within(dialog).queryByText(/0.2.0 is installed/)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(onClose).toHaveBeenCalled();
  });
});
