// The pending changes (the outbox) as the header and the panel show them. The panel
// is opened from the header on every screen, or from a group's page for that group.
import { listPendingChanges } from './api/orders';
import type { PendingChange } from './bindings';

class Pending {
  /** Every change Rust lists (confirmed ones included for a while), newest first. */
  changes = $state.raw<PendingChange[]>([]);
  loaded = $state(false);
  /** The panel is open; `groupId` narrows it to one group. */
  open = $state(false);
  groupId = $state<number | null>(null);
  private seq = 0;
  /** The changes came with the first screen's answer: the next reload has nothing to read. */
  private fresh = false;

  /** Changes not yet confirmed by OVHcloud. */
  get openCount(): number {
    return this.changes.filter((c) => c.state !== 'done').length;
  }

  /** The first screen's answer (App): shown at once, without reading them again. */
  startWith(changes: PendingChange[] | null): void {
    if (!changes) return;
    this.changes = changes;
    this.loaded = true;
    this.fresh = true;
  }

  /** Reads the changes again (after a change), unless they just came with the first screen. */
  async reload(): Promise<void> {
    if (this.fresh) {
      this.fresh = false;
      return;
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.fresh = false;
    const seq = ++this.seq;
    try {
      const changes = await listPendingChanges(null);
      if (seq === this.seq) {
        this.changes = changes;
        this.loaded = true;
      }
    } catch {
      // The count is a hint; the panel shows the error when opened.
    }
  }

  show(groupId: number | null = null): void {
    this.groupId = groupId;
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const pending = new Pending();
