import { describe, expect, it } from 'vitest';
import { locale } from '../i18n/index.svelte';
import type { HistoryEntry } from './bindings';
import { describeHistory } from './history';

const entry = (kind: string, details: Record<string, unknown>): HistoryEntry => ({
  id: 1,
  at: '2026-11-23T10:00:00Z',
  origin: 'user',
  kind,
  licenceId: null,
  details,
});

describe('describeHistory', () => {
  it('tells each kind Rust records in a sentence', () => {
    locale.apply({ language: 'en', chosenLanguage: null });
    expect(describeHistory(entry('groupRenamed', { from: 'A', to: 'B' }))).toBe('Group renamed from “A” to “B”');
    expect(
      describeHistory(
        entry('activationMoved', { activationEmail: 'alan@x.fr', from: 'x-10', to: 'x-11', takenBy: 'grace@x.fr' }),
      ),
    ).toBe('Activation of alan@x.fr moved from x-10 to x-11: x-10 was given to grace@x.fr elsewhere meanwhile');
    expect(
      describeHistory(entry('orderPlaced', { licenceType: 'officeProPlus', quantity: 12, renewalPeriod: 'P1M' })),
    ).toBe('Order placed for 12 × Apps for enterprise');
    expect(describeHistory(entry('installAdded', { deviceName: 'iPad (Léa)', kind: 'tablet' }))).toBe(
      'Install recorded: iPad (Léa) (tablet)',
    );
    expect(describeHistory(entry('installSignedOut', { deviceName: 'Pixel', kind: 'phone' }))).toBe(
      'Signed out: Pixel (phone)',
    );
    expect(describeHistory(entry('passwordChanged', { activationEmail: 'a@b.fr', notifyEmail: null }))).toBe(
      'Password changed for a@b.fr',
    );
    expect(
      describeHistory(
        entry('accountEdited', {
          from: { firstName: 'Léa', lastName: 'Petit', activationEmail: 'lea.petit@x.fr' },
          to: { firstName: 'Léa', lastName: 'Martin', activationEmail: 'lea.martin@x.fr' },
        }),
      ),
    ).toBe('Account changed from Léa Petit (lea.petit@x.fr) to Léa Martin (lea.martin@x.fr)');
    expect(
      describeHistory(entry('licenceFreed', { firstName: 'Tom', lastName: 'Roux', activationEmail: 'tom@x.fr' })),
    ).toBe('Licence freed from Tom Roux (tom@x.fr)');
    expect(describeHistory(entry('changeUndone', { change: 'renameGroup', changeId: 3 }))).toBe(
      'Undone before sending: group rename',
    );
  });

  it('in French too', () => {
    locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(describeHistory(entry('groupRenamed', { from: 'A', to: 'B' }))).toBe('Groupe renommé de « A » en « B »');
    expect(describeHistory(entry('installAdded', { deviceName: 'PC bureau', kind: 'computer' }))).toBe(
      'Installation enregistrée : PC bureau (ordinateur)',
    );
  });

  it('still shows kinds and details it does not know', () => {
    locale.apply({ language: 'en', chosenLanguage: null });
    expect(describeHistory(entry('somethingNew', {}))).toBe('Change “somethingNew”');
    expect(describeHistory(entry('groupRenamed', {}))).toBe('Group renamed from “—” to “—”');
    expect(describeHistory(entry('changeUndone', { change: 'teleport' }))).toBe('Undone before sending: teleport');
  });
});
