import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { UsagePeriod, UsagePoint, UsageSeries } from '../../lib/bindings';
import { fakeRust } from '../../test/ipc';
import UsageTab from './UsageTab.svelte';

function series(period: UsagePeriod): UsageSeries {
  const days = period === 'currentMonth' ? 23 : 30;
  const points: UsagePoint[] = [];
  for (let d = 1; d <= days; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    points.push({ day, licenceType: 'officeBusiness', endOfDay: 20 + Math.floor(d / 3), peak: 21 + Math.floor(d / 3) });
    points.push({ day, licenceType: 'officeProPlus', endOfDay: 4, peak: 4 });
  }
  return { from: '2026-11-01', to: `2026-11-${days}`, points };
}

describe('usage tab', () => {
  it('draws one line per type with legend toggles, a summary in words and the figures as a table', async () => {
    const rust = fakeRust({ get_usage: ({ period }) => series(period as UsagePeriod) });
    const user = userEvent.setup();
    render(UsageTab, { props: { groupId: 1, onError: vi.fn() } });
    const chart = await screen.findByRole('img', { name: /Licences in use per day, This month/ });
    expect(rust.callsOf('get_usage')[0]?.args).toEqual({ groupId: 1, period: 'currentMonth' });
    expect(chart.querySelectorAll('path.series')).toHaveLength(2);
    expect(chart.querySelector('path.officeBusiness')?.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){22}$/,
    );
    // The summary says it in words (and is the chart's description).
    expect(screen.getByText('Apps for business: 27 at the end of Nov 23, 2026; lowest 20, highest 27.')).toBeTruthy();
    expect(chart.textContent).toContain('Apps for enterprise: 4 at the end of Nov 23, 2026; lowest 4, highest 4.');

    // The legend hides and shows a type.
    const legend = screen.getByRole('group', { name: 'Licence types shown' });
    const enterprise = within(legend).getByRole('button', { name: 'Apps for enterprise' });
    expect(enterprise.getAttribute('aria-pressed')).toBe('true');
    await user.click(enterprise);
    expect(enterprise.getAttribute('aria-pressed')).toBe('false');
    expect(chart.querySelectorAll('path.series')).toHaveLength(1);
    await user.click(enterprise);
    expect(chart.querySelectorAll('path.series')).toHaveLength(2);

    // Another period asks Rust again.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Last month');
    await waitFor(() => expect(rust.callsOf('get_usage').at(-1)?.args).toEqual({ groupId: 1, period: 'lastMonth' }));
    await screen.findByRole('img', { name: /Last month/ });

    // The table alternative, newest day first.
    await user.click(screen.getByText('Show the figures as a table'));
    const table = await screen.findByRole('table', { name: 'Licences in use per day' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByRole('rowheader').textContent).toBe('Nov 30, 2026');
    expect(
      within(first)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['30', '4']);
  });

  it('says when there are no figures', async () => {
    fakeRust({ get_usage: { from: '2026-11-01', to: '2026-11-23', points: [] } });
    render(UsageTab, { props: { groupId: 1, onError: vi.fn() } });
    expect(await screen.findByText('No usage figures for this period.')).toBeTruthy();
  });
});
