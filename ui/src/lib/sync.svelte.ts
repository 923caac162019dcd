// The sync status the window shows: read once from Rust, then kept up to date by the
// `sync-status` events. Components call `follow()` while they show it (the first one
// starts listening, the last one to leave stops).
import { getSyncStatus, onSyncStatus } from './api/sync';
import { afterFirstPaint } from './firstPaint';
import type { SyncStatus } from './bindings';

class Sync {
  /** The latest status; null until Rust has answered. */
  status = $state.raw<SyncStatus | null>(null);
  /** How many times a sync was seen to end (an event with `running` false). */
  ends = $state(0);
  private users = 0;
  private generation = 0;
  private unlisten: (() => void) | null = null;
  /** Settled once the events are listened to (or cannot be), for the window's start. */
  listening: Promise<unknown> = Promise.resolve();
  /** The status came with the first screen's answer: follow it once that screen is painted. */
  private fresh = false;

  /** The first screen's answer (App): shown at once; the events are listened to once it is painted. */
  startWith(status: SyncStatus): void {
    this.status = status;
    this.fresh = true;
  }

  /** Starts following the status; call the returned function to stop. */
  follow(): () => void {
    this.users += 1;
    if (this.users === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) this.stop();
    };
  }

  /** Takes a status from an event (or a test). */
  apply(status: SyncStatus): void {
    this.status = status;
    if (!status.running) this.ends += 1;
  }

  private start(): void {
    const generation = ++this.generation;
    if (this.fresh) {
      // Nothing but the first screen's one read before it is painted.
      this.fresh = false;
      afterFirstPaint(() => {
        if (generation === this.generation) this.listen(generation);
      });
    } else this.listen(generation);
  }

  /** Listens to the events, and reads the status (an event that comes first wins). */
  private listen(generation: number): void {
    let heard = false;
    this.listening = onSyncStatus((status) => {
      if (generation !== this.generation) return;
      heard = true;
      this.apply(status);
    }).then(
      (unlisten) => {
        if (generation === this.generation) this.unlisten = unlisten;
        else safely(unlisten);
      },
      () => {
        // No events (a test without them): the status read below still shows.
      },
    );
    getSyncStatus().then(
      (status) => {
        // An event that came first is newer than this answer.
        if (generation === this.generation && !heard) this.status = status;
      },
      () => {},
    );
  }

  private stop(): void {
    this.generation += 1;
    if (this.unlisten) safely(this.unlisten);
    this.unlisten = null;
    this.status = null;
  }
}

function safely(unlisten: () => void): void {
  try {
    const result = unlisten() as unknown;
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // Already gone with the window (or the test's IPC mock).
  }
}

export const sync = new Sync();
