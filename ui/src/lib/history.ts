// One sentence per history entry, in the user's language. Unknown kinds still show.
import { t, tn, tOr } from '../i18n/index.svelte';
import type { HistoryEntry } from './bindings';

function text(details: Record<string, unknown>, key: string): string {
  const value = details[key];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return t('common.none');
}

/** "First Last (e-mail)" from a {firstName, lastName, activationEmail} object. */
function person(value: unknown): string {
  if (typeof value !== 'object' || value === null) return t('common.none');
  const d = value as Record<string, unknown>;
  const name = [d.firstName, d.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  const email = typeof d.activationEmail === 'string' ? d.activationEmail : '';
  if (name && email) return `${name} (${email})`;
  return name || email || t('common.none');
}

/** "Renews automatically, every month" from a {mode, periodMonths} object. */
function renewal(value: unknown): string {
  if (typeof value !== 'object' || value === null) return t('common.none');
  const d = value as Record<string, unknown>;
  const mode = tOr('renewal.mode', typeof d.mode === 'string' ? d.mode : '');
  const months = typeof d.periodMonths === 'number' ? d.periodMonths : 1;
  return `${mode}, ${tn('renewal.every', months).toLowerCase()}`;
}

/** The kinds of history entry Rust records, for the History tab's filter. */
export const HISTORY_KINDS = [
  'groupCreated',
  'groupRenamed',
  'licenceActivated',
  'activationMoved',
  'accountEdited',
  'passwordChanged',
  'licenceFreed',
  'installAdded',
  'installSignedOut',
  'orderPlaced',
  'renewalChanged',
  'agreementAttestationCreated',
  'agreementAccepted',
  'terminationRequested',
  'terminationConfirmed',
  'changeUndone',
] as const;

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
    case 'activationMoved':
      return t('history.activationMoved', {
        activationEmail: text(d, 'activationEmail'),
        from: text(d, 'from'),
        to: text(d, 'to'),
        takenBy: text(d, 'takenBy'),
      });
    case 'orderPlaced': {
      const quantity = typeof d.quantity === 'number' ? d.quantity : text(d, 'quantity');
      return t('history.orderPlaced', { quantity, licenceType: tOr('offer', text(d, 'licenceType')) });
    }
    case 'installAdded':
    case 'installSignedOut':
      return t(entry.kind === 'installAdded' ? 'history.installAdded' : 'history.installSignedOut', {
        deviceName: text(d, 'deviceName'),
        device: tOr('device', text(d, 'kind')),
      });
    case 'passwordChanged':
      return t('history.passwordChanged', { activationEmail: text(d, 'activationEmail') });
    case 'accountEdited':
      return t('history.accountEdited', { from: person(d.from), to: person(d.to) });
    case 'licenceFreed':
      return t('history.licenceFreed', {
        firstName: text(d, 'firstName'),
        lastName: text(d, 'lastName'),
        activationEmail: text(d, 'activationEmail'),
      });
    case 'renewalChanged':
      return t('history.renewalChanged', { from: renewal(d.from), to: renewal(d.to) });
    case 'agreementAttestationCreated':
      return t('history.agreementAttestationCreated');
    case 'agreementAccepted':
      return t('history.agreementAccepted');
    case 'terminationRequested':
      return t('history.terminationRequested', { licence: text(d, 'licence') });
    case 'terminationConfirmed':
      return t('history.terminationConfirmed', { licence: text(d, 'licence') });
    case 'changeUndone':
      return t('history.changeUndone', { change: tOr('change', text(d, 'change')) });
    default:
      return t('history.unknown', { kind: entry.kind });
  }
}
