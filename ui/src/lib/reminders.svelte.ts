// The reminders as the header and the panel show them: Rust works them out after every
// sync and at start, each once, in the user's language.
import { listReminders } from './api/reminders';
import type { Reminder } from './bindings';

class Reminders {
  list = $state.raw<Reminder[]>([]);
  open = $state(false);
  private seq = 0;

  async refresh(): Promise<void> {
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
