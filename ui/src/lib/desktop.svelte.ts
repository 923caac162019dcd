// What the window knows of the desktop around the data, for the notices every screen
// shows and the Settings screen: the keychain (and whether secrets survive a reboot),
// the accounts whose keys must be given again, the update on offer. Read after the
// first paint, and again after a restore or when keys are given.
import { accountsNeedingKeys, getKeychainInfo, onUpdateAvailable } from './api/desktop';
import type { AccountSummary, KeychainInfo, UpdateOffer } from './bindings';

class Desktop {
  keychain = $state.raw<KeychainInfo | null>(null);
  /** Dismissed for this run (Settings still says it). */
  keychainNoticeDismissed = $state(false);
  needingKeys = $state.raw<AccountSummary[]>([]);
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
