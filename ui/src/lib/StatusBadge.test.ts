import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { locale } from '../i18n/index.svelte';
import StatusBadge from './StatusBadge.svelte';

describe('StatusBadge', () => {
  it('translates every status OVHcloud documents', () => {
    const expected: Record<string, [string, string]> = {
      ok: ['Active', 'Actif'],
      suspended: ['Suspended', 'Suspendu'],
      expired: ['Expired', 'Expiré'],
      inCreation: ['Being created', 'En création'],
      unPaid: ['Unpaid', 'Impayé'],
      pendingDebt: ['Payment overdue', 'Paiement en retard'],
      deleting: ['Being deleted', 'En suppression'],
      autorenewInProgress: ['Renewal in progress', 'Renouvellement en cours'],
      awaitingSignature: ['Awaiting signature', 'En attente de signature'],
    };
    for (const [status, [en, fr]] of Object.entries(expected)) {
      locale.apply({ language: 'en', chosenLanguage: null });
      const { unmount } = render(StatusBadge, { props: { status } });
      expect(screen.getByText(en)).toBeTruthy();
      locale.apply({ language: 'fr', chosenLanguage: 'fr' });
      flushSync();
      expect(screen.getByText(fr)).toBeTruthy();
      unmount();
    }
  });

  it('shows an unknown status as it comes', () => {
    render(StatusBadge, { props: { status: 'migratingToNce' } });
    expect(screen.getByText('migratingToNce')).toBeTruthy();
  });
});
