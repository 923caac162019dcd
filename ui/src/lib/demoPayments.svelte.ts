// Paying the demo account's orders on the simulator, shared by the screens that list
// orders: which order is being paid, and those paid here (still shown as awaiting
// payment until the next sync brings their licences).
import { payDemoOrder, syncNow } from './api/sync';

export class DemoPayments {
  /** The order being paid, if any (every Pay button waits meanwhile). */
  paying = $state<number | null>(null);
  paid = $state.raw<ReadonlySet<number>>(new Set());

  /**
   * Pays the order on the simulator, calls `onPaid`, then wakes the sync that brings
   * its licences. Throws what failed.
   */
  async pay(orderId: number, onPaid: () => void): Promise<void> {
    this.paying = orderId;
    try {
      await payDemoOrder(orderId);
      this.paid = new Set([...this.paid, orderId]);
      onPaid();
      await syncNow();
    } finally {
      this.paying = null;
    }
  }

  /** Paid here, and still awaiting payment: its licences come with the next sync. */
  waiting(order: { id: number; state: string }): boolean {
    return this.paid.has(order.id) && order.state === 'awaitingPayment';
  }
}
