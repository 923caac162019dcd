// One sentence per history entry, in the user's language. Unknown kinds still show.
import { t, tOr } from '../i18n/index.svelte';
import type { HistoryEntry } from './bindings';

function text(details: Record<string, unknown>, key: string): string {
  const value = details[key];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return t('common.none');
}

export function describeHistory(entry: HistoryEntry): string {
  const d = entry.details ?? {};
  switch (entry.kind) {
    case 'groupCreated':
      return t('history.groupCreated', { displayName: text(d, 'displayName') });
    case 'groupRenamed':
      return t('history.groupRenamed', { from: text(d, 'from'), to: text(d, 'to') });
    case 'licenceActivated':
      return t('history.licenceActivated', {
        firstName: text(d, 'firstName'),
        lastName: text(d, 'lastName'),
        activationEmail: text(d, 'activationEmail'),
      });
    case 'orderPlaced': {
      const quantity = typeof d.quantity === 'number' ? d.quantity : text(d, 'quantity');
      return t('history.orderPlaced', { quantity, licenceType: tOr('offer', text(d, 'licenceType')) });
    }
    case 'installAdded':
      return t('history.installAdded', { deviceName: text(d, 'deviceName') });
    default:
      return t('history.unknown', { kind: entry.kind });
  }
}
