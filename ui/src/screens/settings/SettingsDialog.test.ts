import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AppHeader from '../../lib/AppHeader.svelte';
import type { BackupInfo, Locations, Preferences, RestoreReport } from '../../lib/bindings';
import { desktop } from '../../lib/desktop.svelte';
import { fakeRust, ipcError, type Args } from '../../test/ipc';

const LOCATIONS: Locations = {
  appVersion: '0.1.0',
  database: '/home/me/.local/share/app.seatkeeper.desktop/seatkeeper.db',
  dataDir: '/home/me/.local/share/app.seatkeeper.desktop',
  logDir: '/home/me/.local/share/app.seatkeeper.desktop/logs',
  backupsDir: '/home/me/.local/share/app.seatkeeper.desktop/backups',
  lastAutomaticBackup: '/home/me/.local/share/app.seatkeeper.desktop/backups/seatkeeper-auto-2026-12-01.skbackup',
  automaticBackupFailure: null,
};

const BACKUP: BackupInfo = {
  path: '/media/usb/seatkeeper-2026-11-30-090000.skbackup',
  manifest: { appVersion: '0.1.0', schemaVersion: 6, createdAt: '2026-11-30T09:00:00Z', kind: 'manual' },
  accounts: 1,
  groups: 2,
  licences: 42,
  installs: 17,
};

/** The Settings screen shows the reminders' settings too. */
const REMINDER_SETTINGS = { notify: false, daysBefore: 14 };

function prefs(over: Partial<Preferences> = {}): Preferences {
  return { language: 'en', chosenLanguage: null, theme: 'system', checkUpdates: true, ...over };
}

async function openSettings(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  render(AppHeader, { props: { onError: () => {} } });
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  return screen.findByRole('dialog', { name: 'Settings' });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings', () => {
  it('changes the theme and the update check at start, and says where the data lives', async () => {
    const rust = fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      set_display: ({ theme, checkUpdates }: Args) => prefs({ theme: theme as 'dark', checkUpdates: !!checkUpdates }),
      open_folder: null,
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    await within(dialog).findByText(LOCATIONS.database);
    expect(dialog.textContent).toContain('This is Seatkeeper 0.1.0.');
    expect(dialog.textContent).toContain('Latest: ' + LOCATIONS.lastAutomaticBackup);

    await user.click(within(dialog).getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.getAttribute('data-theme')).toBe('dark'));
    expect(rust.callsOf('set_display')[0]?.args).toMatchObject({ theme: 'dark', checkUpdates: true });

    const atStart = within(dialog).getByRole('checkbox', { name: 'Look for a new version when Seatkeeper starts' });
    expect((atStart as HTMLInputElement).checked).toBe(true);
    await user.click(atStart);
    await waitFor(() => expect(rust.callsOf('set_display')).toHaveLength(2));
    expect(rust.callsOf('set_display')[1]?.args).toMatchObject({ theme: 'dark', checkUpdates: false });
    await waitFor(() => expect((atStart as HTMLInputElement).checked).toBe(false));

    await user.click(within(dialog).getByRole('radio', { name: 'Same as the system' }));
    await waitFor(() => expect(document.documentElement.hasAttribute('data-theme')).toBe(false));

    await user.click(within(dialog).getByRole('button', { name: 'Open the log folder' }));
    expect(rust.callsOf('open_folder')[0]?.args).toEqual({ folder: 'logs' });
  });

  it('says when the automatic backup failed, and why, until one succeeds', async () => {
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: {
        ...LOCATIONS,
        automaticBackupFailure: {
          at: '2026-12-02T08:00:00Z',
          detail:
            'C:\\Users\\Élodie\\AppData\\Roaming\\app.seatkeeper.desktop\\backups: Access is denied. (os error 5)',
        },
      },
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    const alert = await within(dialog).findByText(/The automatic backup of .* failed/);
    expect(alert.textContent).toContain('Access is denied. (os error 5)');
    expect(alert.textContent).toContain('your data is not backed up');
    expect(alert.textContent).toContain('2026');
  });

  it('says nothing of a failure when the automatic backups go well', async () => {
    fakeRust({ get_reminder_settings: REMINDER_SETTINGS, get_locations: LOCATIONS });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    await within(dialog).findByText(LOCATIONS.database);
    expect(dialog.textContent).not.toContain('automatic backup of');
  });

  it('backs up where the user chose, and says nothing when the dialog was cancelled', async () => {
    const answers: (BackupInfo | null)[] = [null, { ...BACKUP, path: '/home/me/Documents/mine.skbackup' }];
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      back_up_now: () => answers.shift(),
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    const button = await within(dialog).findByRole('button', { name: 'Back up now…' });
    await user.click(button);
    await waitFor(() => expect(answers).toHaveLength(1));
    expect(within(dialog).queryByText(/Backup saved/)).toBeNull();
    await user.click(button);
    expect(await within(dialog).findByText('Backup saved to /home/me/Documents/mine.skbackup')).toBeTruthy();
  });

  it('restores a backup only once confirmed, then says which accounts need their keys', async () => {
    const report: RestoreReport = {
      backup: BACKUP,
      keptAside: '/home/me/.local/share/app.seatkeeper.desktop/backups/seatkeeper-before-restore-x.skbackup',
      accountsNeedingKeys: ['Bureau'],
    };
    const rust = fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      choose_backup: BACKUP,
      restore_backup: report,
    });
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    await user.click(await within(dialog).findByRole('button', { name: 'Restore a backup…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    expect(confirm.textContent).toContain('Backup made on');
    expect(confirm.textContent).toContain('2 licence groups, 42 licences and 17 installs');
    expect(confirm.textContent).toContain('kept as a backup in the backups folder');
    expect(confirm.textContent).toContain('the accounts will need their keys again');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(rust.callsOf('restore_backup')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    expect(rust.callsOf('restore_backup')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Restore a backup…' }));
    await user.click(await screen.findByRole('button', { name: 'Restore' }));
    const done = await screen.findByRole('dialog', { name: 'Backup restored' });
    expect(rust.callsOf('restore_backup')).toHaveLength(1);
    expect(done.textContent).toContain(report.keptAside);
    expect(done.textContent).toContain('These accounts need their keys again: Bureau.');
    await user.click(within(done).getByRole('button', { name: 'Show the restored data' }));
    expect(reload).toHaveBeenCalled();
  });

  it('shows why a backup file was refused, and restores nothing', async () => {
    const rust = fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      choose_backup: () =>
        ipcError(
          'invalidInput',
          'This file is not a Seatkeeper backup. Nothing was restored; your current data is untouched.',
        ),
      restore_backup: null,
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    await user.click(await within(dialog).findByRole('button', { name: 'Restore a backup…' }));
    const message = await within(dialog).findByText(/not a Seatkeeper backup/);
    expect(message.closest('[role="alert"]')).toBeTruthy();
    expect(rust.callsOf('restore_backup')).toHaveLength(0);
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('copies the diagnostic information, or shows it to copy by hand', async () => {
    const text = 'Seatkeeper: 0.1.0\nSystem: linux Debian GNU/Linux 12 (bookworm) (x86_64)\n';
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      get_diagnostics: text,
    });
    const user = userEvent.setup();
    // After user-event's setup, which puts a clipboard of its own in place.
    const writeText = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('no clipboard'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const dialog = await openSettings(user);
    const copy = await within(dialog).findByRole('button', { name: 'Copy diagnostic information' });
    await user.click(copy);
    expect(await within(dialog).findByText(/Diagnostic information copied/)).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(text);
    await user.click(copy);
    const box = await within(dialog).findByLabelText('Diagnostic information (select it and copy it)');
    expect((box as HTMLTextAreaElement).value).toBe(text);
    expect(document.activeElement).toBe(box);
  });

  it('checks for updates on demand: says when this is the latest, offers a newer one', async () => {
    const offers = [
      null,
      { version: '0.2.0', currentVersion: '0.1.0', notes: 'Backups and restores.', date: '2026-12-10T00:00:00Z' },
    ];
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      check_for_update: () => offers.shift(),
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    const check = await within(dialog).findByRole('button', { name: 'Check for updates' });
    await user.click(check);
    expect(await within(dialog).findByText('Seatkeeper 0.1.0 is the latest version.')).toBeTruthy();
    expect(desktop.update).toBeNull();
    await user.click(check);
    const update = await screen.findByRole('dialog', { name: 'Seatkeeper 0.2.0 is available' });
    expect(update.textContent).toContain('Backups and restores.');
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
  });

  it('turns desktop notifications on and sets the notice, then leads to the reminders themselves', async () => {
    const rust = fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      list_reminders: [],
      set_reminder_settings: ({ notify, daysBefore }: Args) => ({ notify, daysBefore }),
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    const section = within(dialog).getByRole('region', { name: 'Reminders and notifications' });
    const notify = within(section).getByRole('checkbox', { name: 'Also show them as desktop notifications' });
    await waitFor(() => expect(rust.callsOf('get_reminder_settings')).toHaveLength(1));
    expect((notify as HTMLInputElement).checked).toBe(false);
    await user.click(notify);
    const days = within(section).getByRole('spinbutton', { name: /Days of notice/ });
    await user.clear(days);
    await user.type(days, '30');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(await within(section).findByText(/Saved\./)).toBeTruthy();
    expect(rust.callsOf('set_reminder_settings').at(-1)?.args).toEqual({ notify: true, daysBefore: 30 });

    await user.click(within(section).getByRole('button', { name: 'Show the reminders…' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull());
    expect(await screen.findByRole('dialog', { name: /Reminders/ })).toBeTruthy();
  });

  it('says when the system refused notifications', async () => {
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      set_reminder_settings: ({ daysBefore }: Args) => ({ notify: false, daysBefore }),
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    const section = within(dialog).getByRole('region', { name: 'Reminders and notifications' });
    await user.click(within(section).getByRole('checkbox', { name: 'Also show them as desktop notifications' }));
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(await within(section).findByText(/did not allow notifications/)).toBeTruthy();
    expect((within(section).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
  });

  it('says plainly when secrets will not survive a reboot', async () => {
    fakeRust({
      get_reminder_settings: REMINDER_SETTINGS,
      get_locations: LOCATIONS,
      get_keychain_info: { backend: 'kernelKeyring', persistent: false, problem: null },
    });
    const user = userEvent.setup();
    const dialog = await openSettings(user);
    expect(await within(dialog).findByText(/forgets them at every reboot/)).toBeTruthy();
  });
});
