import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';
import type { SyncStatus as Status } from './bindings';
import { fakeRust, NOT_CONNECTED } from '../test/ipc';
import SyncStatus from './SyncStatus.svelte';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const SYNCING: Status = {
  running: true,
  progress: { phase: 'pull', item: 'office1234.o365.ovh.com', done: 3, total: 12, waitSeconds: null },
  online: true,
  lastSyncAt: null,
  lastError: null,
  accounts: 1,
  retryAt: null,
  busyElsewhere: false,
};

function indicator(): HTMLElement {
  return screen.getByRole('group', { name: 'Sync with OVHcloud' });
}

/** Waits until the listener is registered (the first status is on screen), then sends `status`. */
async function push(status: Status): Promise<void> {
  await emit('sync-status', status);
}

describe('sync indicator', () => {
  it('says "Not connected" without an account, and nothing more', async () => {
    fakeRust({});
    render(SyncStatus, { props: { onError: () => {} } });
    expect(await screen.findByText('Not connected')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the progress of a running sync, then offline, then when it last synced, and the last error', async () => {
    fakeRust({ get_sync_status: SYNCING });
    const user = userEvent.setup();
    render(SyncStatus, { props: { onError: () => {} } });

    // Syncing: the step in words and a real progress bar.
    const state = await screen.findByRole('button', { name: /Syncing… reading 3\/12/ });
    expect(state.textContent).toContain('office1234.o365.ovh.com');
    let bar = screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement;
    expect(bar.value).toBe(3);
    expect(bar.max).toBe(12);
    expect(screen.getByRole('status').textContent).toBe('Syncing with OVHcloud');

    await push({
      ...SYNCING,
      progress: { phase: 'push', item: 'Licence activation', done: 1, total: 2, waitSeconds: null },
    });
    await screen.findByRole('button', { name: /Syncing… sending 1\/2/ });
    bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(2);

    // OVHcloud's rate limit holds the next request: how long, in words.
    await push({
      ...SYNCING,
      progress: { phase: 'pull', item: 'office1234.o365.ovh.com', done: 5, total: 9, waitSeconds: 42 },
    });
    await screen.findByRole('button', { name: /Syncing… waiting 42 s/ });
    await push({
      ...SYNCING,
      progress: { phase: 'push', item: 'Licence activation', done: 1, total: 2, waitSeconds: null },
    });
    await screen.findByRole('button', { name: /Syncing… sending 1\/2/ });

    // A sync that could not reach OVHcloud: a clear offline state, no progress bar.
    await push({
      ...NOT_CONNECTED,
      accounts: 1,
      online: false,
      lastSyncAt: minutesAgo(0),
      lastError: 'Demo: OVHcloud cannot be reached (connection refused).',
    });
    const offline = await screen.findByRole('button', {
      name: /^Offline — changes will be sent when OVHcloud is reachable/,
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Offline: changes will be sent when OVHcloud is reachable');
    expect(offline.getAttribute('aria-expanded')).toBe('false');
    await user.click(offline);
    expect(offline.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(offline.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(details.hidden).toBe(false);
    expect(details.textContent).toContain('Offline — changes will be sent when OVHcloud is reachable.');
    expect(details.textContent).toContain('connection refused');
    await user.keyboard('{Escape}');
    expect(details.hidden).toBe(true);
    expect(document.activeElement).toBe(offline);

    // Back online: when it last synced.
    await push({ ...NOT_CONNECTED, accounts: 1, online: true, lastSyncAt: minutesAgo(2) });
    expect(await screen.findByRole('button', { name: /Synced 2 minutes ago/ })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Sync finished');

    // OVHcloud answered with an error (a key not yet allowed): Rust's words in the details.
    const why = 'Demo: OVHcloud refused the request: This credential is not valid.';
    await push({ ...NOT_CONNECTED, accounts: 1, online: true, lastSyncAt: minutesAgo(0), lastError: why });
    const failed = await screen.findByRole('button', { name: /Last sync failed/ });
    await user.click(failed);
    expect(within(indicator()).getByText(`Why the last sync stopped: ${why}`)).toBeTruthy();
  });

  it('Sync now wakes the sync loop', async () => {
    const rust = fakeRust({
      get_sync_status: { ...NOT_CONNECTED, accounts: 2, online: true, lastSyncAt: minutesAgo(0) },
      sync_now: null,
    });
    const user = userEvent.setup();
    render(SyncStatus, { props: { onError: () => {} } });
    expect(await screen.findByRole('button', { name: /Synced just now/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(rust.callsOf('sync_now')).toHaveLength(1));
  });

  it('a progress without a total yet is an indeterminate bar', async () => {
    fakeRust({ get_sync_status: { ...SYNCING, progress: null } });
    render(SyncStatus, { props: { onError: () => {} } });
    expect(await screen.findByRole('button', { name: /^Syncing…/ })).toBeTruthy();
    const bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect(bar.hasAttribute('value')).toBe(false);
  });
});
