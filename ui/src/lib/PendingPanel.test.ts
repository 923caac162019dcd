import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { pendingActivation } from '../test/fixtures';
import { fakeRust, ipcError } from '../test/ipc';
import AppHeader from './AppHeader.svelte';
import type { PendingChange } from './bindings';
import { dataVersion } from './data.svelte';
import { pending } from './pending.svelte';

afterEach(() => pending.close());

describe('pending changes panel', () => {
  it('opens from the header with the open count, shows what will be sent, and undoes', async () => {
    const failed: PendingChange = {
      ...pendingActivation(3, 'Louis Laurent', false),
      kind: 'free',
      state: 'failed',
      lastError: 'OVHcloud answered 409: a task is already running on this licence.',
      attempts: 3,
      preview: [
        { method: 'POST', path: '/license/officePrepaid/office4417.o365.ovh.com-2202/unconfigure', body: null },
      ],
    };
    let changes: PendingChange[] = [
      pendingActivation(7),
      failed,
      { ...pendingActivation(1, 'Old One', false), state: 'done' },
    ];
    let undos = 0;
    const rust = fakeRust({
      list_pending_changes: () => changes,
      undo_change: ({ changeId }) => {
        undos += 1;
        if (undos === 1)
          ipcError('precondition', 'A later change to the same licence is waiting; undo that one first.');
        changes = changes.filter((c) => c.id !== changeId);
        return null;
      },
      set_language: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    const button = await screen.findByRole('button', { name: 'Pending changes: 2 open' });
    const version = dataVersion.value;
    await user.click(button);

    const dialog = await screen.findByRole('dialog', { name: 'Pending changes' });
    const items = await waitFor(() => {
      const list = within(dialog).getAllByRole('listitem');
      expect(list).toHaveLength(3);
      return list;
    });
    expect(items[0]!.textContent).toContain('Licence activation — Zoé Arnaud');
    expect(within(items[0]!).getByText('Queued')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Freeing a licence — Louis Laurent');
    expect(within(items[1]!).getByText('Failed')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Failed: OVHcloud answered 409');
    expect(within(items[1]!).queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(within(items[2]!).getByText('Done')).toBeTruthy();

    // The disclosure shows the exact request, its body byte for byte as it is sent.
    const summary = within(items[0]!).getByText('What will be sent (1 request)');
    await user.click(summary);
    expect(items[0]!.textContent).toContain('PUT /license/officePrepaid/office4417.o365.ovh.com-2223');
    expect(items[0]!.querySelector('pre')?.textContent).toBe(
      JSON.stringify({
        activationEmail: 'zoe.arnaud@office4417.o365.ovh.com',
        firstName: 'Zoé',
        lastName: 'Arnaud',
        usageLocation: 'fr',
      }),
    );
    expect(items[1]!.textContent).toContain('No body.');

    // Refused first (a later change), then undone: the list and everything else reload.
    const undo = within(items[0]!).getByRole('button', { name: 'Undo: Licence activation — Zoé Arnaud' });
    await user.click(undo);
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('undo that one first'));
    await user.click(within(dialog).getByRole('button', { name: 'Undo: Licence activation — Zoé Arnaud' }));
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
    expect(within(dialog).getByRole('status').textContent).toContain('Undone: Licence activation — Zoé Arnaud.');
    expect(rust.callsOf('undo_change').at(-1)?.args).toEqual({ changeId: 7 });
    expect(dataVersion.value).toBeGreaterThan(version);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pending changes: 1 open' })).toBeTruthy());

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pending changes: 1 open' }));
  });

  it('says why a change waits for the user, and offers a new password, a retry or letting it go', async () => {
    const parked: PendingChange = {
      ...pendingActivation(4, 'Louis Laurent', false),
      kind: 'changePassword',
      state: 'parked',
      parkedReason: 'passwordMissing',
      lastError: 'the keychain no longer holds the new password',
      canUndo: true,
      canRetry: true,
      canDismiss: true,
      preview: [],
    };
    const failed: PendingChange = {
      ...pendingActivation(5, 'Ada Lovelace', false),
      state: 'failed',
      lastError: 'the licence was given to bob@office4417.o365.ovh.com at OVHcloud meanwhile',
      canRetry: true,
      canDismiss: true,
    };
    let changes: PendingChange[] = [parked, failed];
    const rust = fakeRust({
      list_pending_changes: () => changes,
      set_password_again: ({ changeId }) => {
        changes = changes.map((c) =>
          c.id === changeId ? { ...c, state: 'queued', parkedReason: null, canRetry: false, canDismiss: false } : c,
        );
        return { changeId, password: 'Generated-Pa55' };
      },
      dismiss_change: ({ changeId }) => {
        changes = changes.map((c) => (c.id === changeId ? { ...c, canDismiss: false } : c));
        return null;
      },
      retry_change: null,
    });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    pending.show(null);
    const dialog = await screen.findByRole('dialog', { name: 'Pending changes' });
    const items = await waitFor(() => {
      const list = within(dialog).getAllByRole('listitem');
      expect(list).toHaveLength(2);
      expect(within(list[0]!).getByText('Waits for you')).toBeTruthy();
      return list;
    });
    expect(items[0]!.textContent).toContain('The keychain no longer holds the new password, so nothing was sent.');

    // A generated password is queued and shown once.
    await user.click(within(items[0]!).getByRole('button', { name: 'Generate a new one' }));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toContain('New password queued'));
    expect(rust.callsOf('set_password_again').at(-1)?.args).toEqual({ changeId: 4, password: null });
    expect(within(dialog).getAllByRole('listitem')[0]!.textContent).toContain('Generated-Pa55');

    // A failed change: try again, or let it go.
    const second = within(dialog).getAllByRole('listitem')[1]!;
    await user.click(within(second).getByRole('button', { name: 'Try again: Licence activation — Ada Lovelace' }));
    await waitFor(() => expect(rust.callsOf('retry_change').at(-1)?.args).toEqual({ changeId: 5 }));
    await user.click(within(second).getByRole('button', { name: 'Let it go: Licence activation — Ada Lovelace' }));
    await waitFor(() => expect(rust.callsOf('dismiss_change').at(-1)?.args).toEqual({ changeId: 5 }));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toContain('It stays in the history'));
  });

  it('narrows to one group when opened from its page', async () => {
    const other = { ...pendingActivation(8, 'Nina Simone'), groupId: 2, groupName: 'Cabinet Martin & Associés' };
    fakeRust({ list_pending_changes: [pendingActivation(7), other] });
    const user = userEvent.setup();
    render(AppHeader, { props: { onError: () => {} } });
    pending.show(1);
    const dialog = await screen.findByRole('dialog', { name: 'Pending changes' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(1));
    const scope = within(dialog).getByRole('checkbox', { name: 'Only the changes of Boulangerie Lefèvre' });
    await user.click(scope);
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
  });
});
