import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Reminder } from './bindings';
import { fakeRust, ipcError } from '../test/ipc';
import AppHeader from './AppHeader.svelte';

const renewal: Reminder = {
  id: 3,
  kind: 'renewalSoon',
  groupId: 1,
  title: 'Boulangerie Lefèvre: renewal on 30 December 2026',
  body: 'The group stops on 30 December 2026 and its users lose Office.',
  dueOn: '2026-12-30',
  createdAt: '2026-12-01T09:00:00Z',
  notified: false,
};

describe('reminders', () => {
  it('the header counts them; the panel lists them, dismisses one, and saves the settings Rust checks', async () => {
    let list = [renewal];
    const rust = fakeRust({
      list_reminders: () => list,
      dismiss_reminder: ({ reminderId }) => {
        list = list.filter((r) => r.id !== reminderId);
        return null;
      },
      get_reminder_settings: { notify: false, daysBefore: 14 },
      set_reminder_settings: ({ notify, daysBefore }) => {
        if (daysBefore === 0) {
          ipcError('invalidInput', 'The days before must be a whole number from 1 to 90.', { field: 'reminderDays' });
        }
        // The platform refused notifications.
        return { notify: false, daysBefore: daysBefore as number, asked: notify };
      },
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const button = await screen.findByRole('button', { name: 'Reminders (1)' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Reminders' });
    expect(within(dialog).getByText(renewal.body)).toBeTruthy();

    const days = within(dialog).getByLabelText(/Days of notice/);
    // The saved settings have arrived (the field shows the default until then).
    await waitFor(() => expect(rust.callsOf('get_reminder_settings')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((days as HTMLInputElement).value).toBe('14');
    await user.clear(days);
    await user.type(days, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText(/whole number from 1 to 90/);
    expect(days.getAttribute('aria-invalid')).toBe('true');
    await user.clear(days);
    await user.type(days, '31');
    await user.click(within(dialog).getByRole('checkbox', { name: /desktop notifications/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText(/did not allow notifications/);
    expect(rust.callsOf('set_reminder_settings').at(-1)?.args).toEqual({ notify: true, daysBefore: 31 });

    await user.click(within(dialog).getByRole('button', { name: `Dismiss “${renewal.title}”` }));
    await within(dialog).findByText('Nothing to remind you of.');
    expect(rust.callsOf('dismiss_reminder')[0]?.args).toEqual({ reminderId: 3 });
  });
});
