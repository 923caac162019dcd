import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CATALOG, overviewOf, PREPAID } from '../../test/fixtures';
import type { OrderQuote, OrderRequest } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import OrderWizard from './OrderWizard.svelte';

const accounts = [{ id: 1, label: 'Sample data', endpoint: 'ovh-eu', isSample: true }];

function quoteOf(request: OrderRequest): OrderQuote {
  const price = CATALOG.find(
    (e) => e.licenceType === request.licenceType && e.renewalPeriod === request.renewalPeriod,
  )!.pricePerMonth;
  const months = request.renewalPeriod === 'P1Y' ? 12 : 1;
  const held = request.groupId ? 30 : 0;
  const onOrder = request.groupId ? 5 : 0;
  if (request.licenceType === 'officeBusiness' && held + onOrder + request.quantity > 300) {
    ipcError(
      'limitReached',
      `An Apps for business group holds at most 300 licences. This group has ${held} and ${onOrder} on order, so ${request.quantity} more would make ${held + onOrder + request.quantity}; you can add at most ${300 - held - onOrder}.`,
      { rule: 'group.capacity', field: 'quantity' },
    );
  }
  const money = (ucents: number) => ({ ucents, currency: 'EUR' });
  return {
    planCode: 'plan',
    licenceType: request.licenceType,
    renewalPeriod: request.renewalPeriod,
    quantity: request.quantity,
    pricePerMonth: price,
    orderMonthly: money(price.ucents * request.quantity),
    newMonthlyTotal: money(price.ucents * (request.quantity + held)),
    firstInvoice: money(price.ucents * request.quantity * months),
    held,
    onOrder,
    max: request.licenceType === 'officeBusiness' ? 300 : null,
  };
}

describe('order wizard', () => {
  it('refuses a 301st Apps for business licence with Rust’s message, then places a valid order', async () => {
    const rust = fakeRust({
      list_accounts: accounts,
      get_catalog: CATALOG,
      quote_order: ({ request }) => quoteOf(request as OrderRequest),
      place_order: ({ request }) => ({
        id: 9,
        licenceType: (request as OrderRequest).licenceType,
        quantity: (request as OrderRequest).quantity,
        state: 'queued',
        paymentUrl: null,
        createdAt: '2026-11-23T10:00:00Z',
      }),
    });
    const onPlaced = vi.fn();
    const user = userEvent.setup();
    render(OrderWizard, { props: { group: PREPAID, overview: overviewOf(PREPAID), onPlaced, onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog', { name: 'Order more licences for Boulangerie Lefèvre' });
    const steps = within(dialog).getByRole('list', { name: 'Order steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim().replace(/^\d\s*/, '')),
    ).toEqual(['Offer', 'Renewal', 'Quantity', 'Review', 'Confirm']);

    // 1. Offer, with its apps, its price and the 300 limit.
    const business = await within(dialog).findByRole('radio', { name: /Apps for business/ });
    expect((business as HTMLInputElement).checked).toBe(true);
    const label = business.closest('label')!;
    expect(label.textContent).toContain('Excel, Word, PowerPoint, Outlook, OneNote, Publisher');
    expect(label.textContent).toContain('from €9.90 per licence per month');
    expect(label.textContent).toContain('At most 300 licences per group');
    expect(
      within(dialog)
        .getByRole('radio', { name: /Apps for enterprise/ })
        .closest('label')?.textContent,
    ).toContain('Access');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));

    // 2. Renewal: the periods the catalog offers.
    const renewals = within(dialog).getAllByRole('radio');
    expect(renewals.map((r) => r.closest('label')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Monthly — €10.30 per licence per month',
      'Yearly — €9.90 per licence per month',
    ]);
    expect((renewals[0] as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));

    // 3. Quantity: what the group holds and has on order against 300.
    const quantity = within(dialog).getByRole('spinbutton', { name: 'Number of licences' });
    expect(dialog.textContent).toContain(
      'This group has 30 Apps for business licences and 5 on order: at most 300 in all, so up to 265 more.',
    );
    await user.clear(quantity);
    await user.type(quantity, '266');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(quantity.getAttribute('aria-invalid')).toBe('true'));
    const errorId = quantity
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toContain('you can add at most 265');
    expect(rust.callsOf('place_order')).toHaveLength(0);

    await user.clear(quantity);
    await user.type(quantity, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));

    // 4. Review, priced by Rust.
    await within(dialog).findByRole('heading', { name: 'Your order' });
    const value = (term: string) => within(dialog).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(value('This order per month')).toBe('€51.50');
    expect(value('The group’s new monthly total')).toBe('€360.50');
    expect(value('First invoice')).toBe('€51.50');
    expect(value('Apps for business licences after this order')).toBe('40 of 300');
    expect(dialog.textContent).toContain('You will be sent to OVHcloud’s payment page; come back once it is paid');
    expect(rust.callsOf('quote_order').at(-1)?.args).toEqual({
      request: { accountId: 1, groupId: 1, licenceType: 'officeBusiness', renewalPeriod: 'P1M', quantity: 5 },
    });

    // 5. Confirm: queued.
    await user.click(within(dialog).getByRole('button', { name: 'Confirm the order' }));
    await within(dialog).findByRole('heading', { name: 'Order queued' });
    expect(onPlaced).toHaveBeenCalledOnce();
    expect(rust.callsOf('place_order')[0]?.args).toEqual(rust.callsOf('quote_order').at(-1)?.args);
  });

  it('a demo order says it is paid from the window, not on OVHcloud’s payment page', async () => {
    fakeRust({
      list_accounts: [{ id: 1, label: 'Demo', endpoint: 'demo', isSample: false }],
      get_catalog: CATALOG,
      quote_order: ({ request }) => quoteOf(request as OrderRequest),
    });
    const user = userEvent.setup();
    render(OrderWizard, {
      props: { group: PREPAID, overview: overviewOf(PREPAID), onPlaced: vi.fn(), onClose: vi.fn() },
    });
    const dialog = screen.getByRole('dialog');
    await within(dialog).findByRole('radio', { name: /Apps for business/ });
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    const quantity = within(dialog).getByRole('spinbutton', { name: 'Number of licences' });
    await user.clear(quantity);
    await user.type(quantity, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByRole('heading', { name: 'Your order' });
    expect(dialog.textContent).toContain('paid from this window');
    expect(dialog.textContent).not.toContain('You will be sent to OVHcloud’s payment page');
  });

  it('orders a new enterprise group on a yearly renewal', async () => {
    const rust = fakeRust({
      list_accounts: accounts,
      get_catalog: CATALOG,
      quote_order: ({ request }) => quoteOf(request as OrderRequest),
      place_order: {
        id: 10,
        licenceType: 'officeProPlus',
        quantity: 400,
        state: 'queued',
        paymentUrl: null,
        createdAt: '2026-11-23T10:00:00Z',
      },
    });
    const user = userEvent.setup();
    render(OrderWizard, { props: { onPlaced: vi.fn(), onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog', { name: 'Order a new licence group' });
    await user.click(await within(dialog).findByRole('radio', { name: /Apps for enterprise/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('radio', { name: /Yearly/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    const quantity = within(dialog).getByRole('spinbutton', { name: 'Number of licences' });
    await user.clear(quantity);
    await user.type(quantity, '400');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByRole('heading', { name: 'Your order' });
    expect(within(dialog).getByText('First invoice', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      '€57,120.00',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Confirm the order' }));
    await within(dialog).findByRole('heading', { name: 'Order queued' });
    expect(rust.callsOf('place_order')[0]?.args).toEqual({
      request: { accountId: 1, groupId: null, licenceType: 'officeProPlus', renewalPeriod: 'P1Y', quantity: 400 },
    });
  });
});
