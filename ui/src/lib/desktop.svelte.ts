// What the window knows of the desktop around the data, for the notices every screen
// shows and the Settings screen: the keychain (and whether secrets survive a reboot),
// the accounts whose keys must be given again, the update on offer. Read after the
// first paint, and again after a restore or when keys are given.
import { accountsNeedingKeys, getBackupFailure, getKeychainInfo, onUpdateAvailable } from './api/desktop';
import type { AccountSummary, BackupFailure, KeychainInfo, UpdateOffer } from './bindings';

class Desktop {
  keychain = $state.raw<KeychainInfo | null>(null);
  /** Dismissed for this run (Settings still says it). */
  keychainNoticeDismissed = $state(false);
  needingKeys = $state.raw<AccountSummary[]>([]);
  /** The automatic backup that failed last (here or in a scheduled sync), until one succeeds. */
  backupFailure = $state.raw<BackupFailure | null>(null);
  /** Dismissed for this run, for that failure (a later one shows again; Settings still says it). */
  backupNoticeDismissedAt = $state<string | null>(null);
  /** A newer version on offer (found at start, or by "Check for updates"). */
  update = $state.raw<UpdateOffer | null>(null);
  updateNoticeDismissed = $state(false);
  /** The update dialog is open. */
  updateOpen = $state(false);

  async readKeychain(): Promise<void> {
    try {
      this.keychain = await getKeychainInfo();
    } catch {
      // Said by the commands that need the keychain.
    }
  }

  async readBackupFailure(): Promise<void> {
    try {
      this.backupFailure = await getBackupFailure();
    } catch {
      // Settings says it too, when it can be read.
    }
  }

  async readNeedingKeys(): Promise<void> {
    try {
      this.needingKeys = await accountsNeedingKeys();
    } catch {
      this.needingKeys = [];
    }
  }

  /** Shows the update dialog for `offer`. */
  offer(offer: UpdateOffer): void {
    this.update = offer;
    this.updateNoticeDismissed = false;
    this.updateOpen = true;
  }

  /** Listens for the check made at start; returns how to stop. */
  follow(): () => void {
    let stop: (() => void) | null = null;
    let gone = false;
    onUpdateAvailable((offer) => {
      this.update = offer;
      this.updateNoticeDismissed = false;
    })
      .then((unlisten) => {
        if (gone) unlisten();
        else stop = unlisten;
      })
      .catch(() => {
        // No events (a test without them).
      });
    return () => {
      gone = true;
      stop?.();
    };
  }
}

export const desktop = new Desktop();
