// The reminders as the header and the panel show them: Rust works them out after every
// sync and at start, each once, in the user's language.
import { listReminders } from './api/reminders';
import type { Reminder } from './bindings';

class Reminders {
  list = $state.raw<Reminder[]>([]);
  open = $state(false);
  private seq = 0;
  /** They came with the first screen's answer: the next reload has nothing to read. */
  private fresh = false;

  /** The first screen's answer (App): shown at once, without reading them again. */
  startWith(list: Reminder[] | null): void {
    if (!list) return;
    this.list = list;
    this.fresh = true;
  }

  /** Reads them again (after a change), unless they just came with the first screen. */
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
      const list = await listReminders();
      if (seq === this.seq) this.list = list;
    } catch {
      // The count is a hint; the panel shows the error when opened.
    }
  }

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const reminders = new Reminders();
