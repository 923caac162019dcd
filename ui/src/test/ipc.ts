// A fake Rust side for component tests: each command answers with its handler (a
// value, or a function of the arguments that may throw to reject), every call is
// recorded, and a command without a handler fails the call loudly.
import { mockIPC } from '@tauri-apps/api/mocks';

export type Call = { cmd: string; args: Record<string, unknown> };
export type Args = Record<string, unknown>;
/** Answers another command as the fake would (for handlers built from others). */
export type Answer = (cmd: string, args?: Args) => unknown;
/** A fixed answer, or a function of the arguments (which may throw to reject). */
export type Handler = ((args: Args, answer: Answer) => unknown) | null | string | number | boolean | object;

/** English, following the system, as most tests start. */
export const ENGLISH = { language: 'en', chosenLanguage: null, theme: 'system', checkUpdates: true } as const;

/**
 * `start_window` as Rust answers it, made of the test's own `get_app_status`,
 * `list_groups` and the header's reads (which later reads use too): the status's error
 * is the whole answer's, the groups' error is returned beside an empty list, a header
 * read that fails is null (the window reads it again once painted).
 */
export function startWindowWith(preferences: object): Handler {
  return (_args, answer) => {
    const status = answer('get_app_status');
    const orNull = (cmd: string, args?: Args): unknown => {
      try {
        return answer(cmd, args);
      } catch {
        return null;
      }
    };
    const reads = {
      sync: answer('get_sync_status'),
      pending: orNull('list_pending_changes', { groupId: null }),
      reminders: orNull('list_reminders'),
      orders: orNull('list_open_orders'),
    };
    try {
      return { preferences, status, groups: answer('list_groups'), groupsError: null, ...reads };
    } catch (error) {
      return { preferences, status, groups: [], groupsError: error, ...reads };
    }
  };
}

/** No account connected, nothing synced yet: what `get_sync_status` answers by default. */
export const NOT_CONNECTED = {
  running: false,
  progress: null,
  online: null,
  lastSyncAt: null,
  lastError: null,
  accounts: 0,
  retryAt: null,
  busyElsewhere: false,
};

/**
 * Reads every screen makes in the background (the header's pending-changes count and
 * sync status, the open orders): empty unless a test gives its own handler.
 */
const BACKGROUND: Record<string, Handler> = {
  start_window: startWindowWith(ENGLISH),
  list_pending_changes: [],
  list_open_orders: [],
  list_reminders: [],
  get_sync_status: NOT_CONNECTED,
  refresh_group: null,
  // The group page reads its licences in the background once its overview is shown.
  list_licences: [],
  // Read once the first screen is painted (App), and by the accounts dialog.
  get_keychain_info: { backend: 'platform', persistent: true, problem: null },
  accounts_needing_keys: [],
  get_backup_failure: null,
};

export function fakeRust(given: Record<string, Handler>): { calls: Call[]; callsOf: (cmd: string) => Call[] } {
  const calls: Call[] = [];
  const handlers = { ...BACKGROUND, ...given };
  const answer: Answer = (cmd, args = {}) => {
    if (!(cmd in handlers)) throw new Error(`unexpected command ${cmd}`);
    const handler = handlers[cmd];
    return typeof handler === 'function' ? (handler as (a: Args, r: Answer) => unknown)(args, answer) : handler;
  };
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      return answer(cmd, args);
    },
    { shouldMockEvents: true },
  );
  return { calls, callsOf: (cmd) => calls.filter((c) => c.cmd === cmd) };
}

/** What Rust's commands reject with. */
export function ipcError(code: string, message: string, extra: Record<string, unknown> = {}): never {
  throw { code, message, ...extra };
}
