// Typed wrappers of src-tauri/commands/reminders.rs.
import type { Reminder, ReminderSettings } from '../bindings';
import { call } from './call';

/** The reminders not dismissed, newest first, in the user's language. */
export const listReminders = (): Promise<Reminder[]> => call('list_reminders');

export const dismissReminder = (reminderId: number): Promise<null> => call('dismiss_reminder', { reminderId });

export const getReminderSettings = (): Promise<ReminderSettings> => call('get_reminder_settings');

/** Rejects days out of range with field `reminderDays`. Notifications stay off if the platform refuses them. */
export const setReminderSettings = (notify: boolean, daysBefore: number): Promise<ReminderSettings> =>
  call('set_reminder_settings', { notify, daysBefore });

/** `null` turns the group's reminder off. */
export const setFreeSeatsAlert = (groupId: number, threshold: number | null): Promise<null> =>
  call('set_free_seats_alert', { groupId, threshold });
