import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GroupOverview, LicenceRow, RenewalReview, TerminationReview } from '../../lib/bindings';
import { makeLicences, overviewOf, PAYG, PREPAID } from '../../test/fixtures';
import { fakeRust, ipcError } from '../../test/ipc';
import AgreementDialog from './AgreementDialog.svelte';
import FreeSeatsAlert from './FreeSeatsAlert.svelte';
import GroupPage from './GroupPage.svelte';
import RenewalDialog from './RenewalDialog.svelte';
import TerminationDialog from './TerminationDialog.svelte';

const unsigned: GroupOverview = {
  ...overviewOf({ ...PREPAID, mcaAgreed: false }),
  mcaAgreed: false,
};

const signatory = {
  companyName: '',
  country: 'FR',
  language: 'fr_FR',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
};

describe('the Microsoft Customer Agreement', () => {
  it('says first that the group waits for it, and leads to the signature', async () => {
    fakeRust({ get_group_overview: unsigned, signatory_defaults: signatory, list_licences: [] });
    const user = userEvent.setup();
    render(GroupPage, { props: { group: { ...PREPAID, mcaAgreed: false }, onBack: () => {} } });
    const banner = await screen.findByRole('region', { name: 'Sign the Microsoft Customer Agreement' });
    expect(banner.textContent).toContain('cannot be activated or changed');
    await user.click(await within(banner).findByRole('button', { name: 'Sign the agreement' }));
    expect(await screen.findByRole('dialog', { name: /Microsoft Customer Agreement of/ })).toBeTruthy();
  });

  it('sends the signatory form, shows each field Rust refuses, then the demo signs and confirms', async () => {
    let attempts = 0;
    const rust = fakeRust({
      signatory_defaults: signatory,
      create_attestation: () => {
        attempts += 1;
        if (attempts === 1) {
          ipcError('invalidInput', 'Enter a phone number of 6 to 20 digits…', {
            rule: 'phone.invalid',
            field: 'phone',
            problems: [
              { field: 'phone', rule: 'phone.invalid', message: 'Enter a phone number of 6 to 20 digits…' },
              { field: 'email', rule: 'email.invalid', message: 'Enter an e-mail address such as name@example.com.' },
            ],
          });
        }
        return { link: 'http://127.0.0.1:1/attestation/x', demo: true };
      },
      demo_sign_attestation: null,
      accept_agreement: 31,
    });
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(AgreementDialog, { props: { overview: { ...unsigned, isDemo: true }, onDone, onClose: () => {} } });
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Company name'), 'Contoso');
    await user.type(within(dialog).getByLabelText('First name'), 'Camille');
    await user.type(within(dialog).getByLabelText('Last name'), 'Martin');
    await user.type(within(dialog).getByLabelText('E-mail address'), 'camille');
    await user.type(within(dialog).getByLabelText('Phone number'), 'call me');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    const phone = within(dialog).getByLabelText('Phone number');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Enter an e-mail address such as name@example.com.')).toBeTruthy();
    expect(rust.callsOf('create_attestation')[0]?.args).toEqual({
      groupId: 1,
      signatory: {
        companyName: 'Contoso',
        country: 'FR',
        language: 'fr_FR',
        firstName: 'Camille',
        lastName: 'Martin',
        email: 'camille',
        phone: 'call me',
      },
    });

    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await within(dialog).findByRole('heading', { name: '2. Sign the agreement' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm the signature' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Sign the simulated agreement' }));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    await user.click(confirm);
    await within(dialog).findByText(/The confirmation is queued/);
    expect(rust.callsOf('accept_agreement')[0]?.args).toEqual({ groupId: 1 });
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('a real account opens the agreement page OVHcloud created, then the user confirms', async () => {
    const rust = fakeRust({ open_attestation: null, accept_agreement: 32 });
    const user = userEvent.setup();
    const overview = { ...unsigned, attestationLink: 'https://mca.example.net/a/1' };
    render(AgreementDialog, { props: { overview, onDone: () => {}, onClose: () => {} } });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: 'Sign the simulated agreement' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Open the agreement page' }));
    expect(rust.callsOf('open_attestation')[0]?.args).toEqual({ groupId: 1 });
    await user.click(within(dialog).getByRole('checkbox', { name: 'I have signed the agreement' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm the signature' }));
    await waitFor(() => expect(rust.callsOf('accept_agreement')).toHaveLength(1));
  });
});

describe('renewal', () => {
  const review: RenewalReview = {
    settings: { automatic: false, deleteAtExpiration: true, periodMonths: 12 },
    consequence: 'The group stops on 30 December 2026 and its users lose Office; OVHcloud then deletes it.',
    requests: [
      {
        method: 'PUT',
        path: '/license/officePrepaid/office4417.o365.ovh.com-1001/serviceInfos',
        body: '{"renew":{"automatic":false,"deleteAtExpiration":true,"period":12}}',
      },
    ],
  };

  it('offers what OVHcloud allows, says what the choice means, then queues it', async () => {
    const rust = fakeRust({ review_renewal: review, set_renewal: 40 });
    const onDone = vi.fn();
    const onClose = vi.fn();
    const user = userEvent.setup();
    const overview = overviewOf(PREPAID);
    render(RenewalDialog, { props: { overview, renewal: overview.renewal!, onDone, onClose } });
    const dialog = screen.getByRole('dialog', { name: 'How Boulangerie Lefèvre renews' });
    await user.click(within(dialog).getByRole('radio', { name: /Stop it when it expires/ }));
    await user.selectOptions(within(dialog).getByLabelText('Renewal period'), '12');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await within(dialog).findByText(review.consequence);
    expect(rust.callsOf('review_renewal')[0]?.args).toEqual({
      groupId: 1,
      input: { mode: 'stopAtExpiration', periodMonths: 12 },
    });
    expect(within(dialog).getByText(/What Seatkeeper will send to OVHcloud \(1 request\)/)).toBeTruthy();
    expect(rust.callsOf('set_renewal')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Change the renewal' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(rust.callsOf('set_renewal')[0]?.args).toEqual({
      groupId: 1,
      input: { mode: 'stopAtExpiration', periodMonths: 12 },
    });
    expect(onDone).toHaveBeenCalledWith(expect.stringContaining('Renewal change queued'));
  });

  it('opens on the choice in force, and its list of requests can be reached with the keyboard', async () => {
    fakeRust({ review_renewal: review });
    const user = userEvent.setup();
    const overview = overviewOf(PREPAID);
    const renewal = { ...overview.renewal!, mode: 'manual' as const };
    render(RenewalDialog, { props: { overview, renewal, onDone: () => {}, onClose: () => {} } });
    const dialog = screen.getByRole('dialog');
    const manual = within(dialog).getByRole('radio', { name: /Let me renew it myself/ }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(manual));
    expect(manual.checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await within(dialog).findByText(review.consequence);
    await user.click(within(dialog).getByText(/What Seatkeeper will send to OVHcloud/));
    const requests = within(dialog).getByRole('region', { name: /What Seatkeeper will send to OVHcloud/ });
    expect(requests.tabIndex).toBe(0);
    expect(requests.textContent).toContain('/serviceInfos');
  });

  it('a monthly-only group has no period to choose, and stopping can be unavailable', () => {
    fakeRust({});
    const overview = overviewOf(PAYG);
    const renewal = { ...overview.renewal!, canStopAtExpiration: false };
    render(RenewalDialog, { props: { overview, renewal, onDone: () => {}, onClose: () => {} } });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByLabelText('Renewal period')).toBeNull();
    const stop = within(dialog).getByRole('radio', { name: /Stop it when it expires/ }) as HTMLInputElement;
    expect(stop.disabled).toBe(true);
    expect(within(dialog).getByText('OVHcloud does not allow this for this group.')).toBeTruthy();
  });
});

describe('termination', () => {
  const licence = makeLicences(1)[0] as LicenceRow;
  const review: TerminationReview = {
    consequence: 'office4417.o365.ovh.com-1001 stops on 30 December 2026: its user loses Office…',
    request: {
      method: 'POST',
      path: '/license/officePrepaid/office4417.o365.ovh.com-1001/confirmTermination',
      body: '{"token":"a1b2c3d4","reason":"TOO_EXPENSIVE"}',
    },
  };

  it('asks OVHcloud first, then the token, a review, and a last explicit confirmation', async () => {
    const rust = fakeRust({
      request_termination: { message: 'A termination request has been registered.', demoToken: 'a1b2c3d4' },
      review_termination: review,
      confirm_termination: 51,
    });
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(TerminationDialog, { props: { licence, name: 'Camille Martin', onDone, onClose: () => {} } });
    const dialog = screen.getByRole('dialog', { name: 'Terminate Camille Martin' });
    await user.click(within(dialog).getByRole('button', { name: 'Ask OVHcloud for the token' }));
    await within(dialog).findByText('Demo: the token of the simulated e-mail is a1b2c3d4.');
    expect(rust.callsOf('request_termination')[0]?.args).toEqual({ licenceId: 1 });
    await user.type(within(dialog).getByLabelText('Token from OVHcloud’s e-mail'), 'a1b2c3d4');
    await user.selectOptions(within(dialog).getByLabelText('Why (optional)'), 'TOO_EXPENSIVE');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await within(dialog).findByText(review.consequence);
    expect(rust.callsOf('review_termination')[0]?.args).toEqual({
      licenceId: 1,
      input: { token: 'a1b2c3d4', reason: 'TOO_EXPENSIVE' },
    });
    const terminate = within(dialog).getByRole('button', { name: 'Terminate the licence' }) as HTMLButtonElement;
    expect(terminate.disabled).toBe(true);
    await user.click(within(dialog).getByRole('checkbox', { name: /I understand/ }));
    await user.click(terminate);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringContaining('Termination of Camille Martin')));
    expect(rust.callsOf('confirm_termination')).toHaveLength(1);
  });

  it('reopened after a token was asked for (or refused), a new token can be asked for', async () => {
    const rust = fakeRust({
      request_termination: { message: 'A termination request has been registered.', demoToken: 'e5f6a7b8' },
      review_termination: () => ipcError('invalidInput', 'OVHcloud said: Invalid token', { field: 'token' }),
    });
    const user = userEvent.setup();
    const asked = { ...licence, termination: { stage: 'requested', requestedAt: '2026-12-01T09:00:00Z' } };
    render(TerminationDialog, {
      props: { licence: asked as LicenceRow, name: 'Camille Martin', onDone: () => {}, onClose: () => {} },
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/A token was asked for on/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Token from OVHcloud’s e-mail'), 'old-token');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await within(dialog).findByText(/Invalid token/);
    await user.click(within(dialog).getByRole('button', { name: 'Ask OVHcloud for a new token' }));
    await within(dialog).findByText('Demo: the token of the simulated e-mail is e5f6a7b8.');
    expect(rust.callsOf('request_termination')).toHaveLength(1);
  });

  it('offline, asking for the token says so and stays on the first step', async () => {
    fakeRust({
      request_termination: () => ipcError('offline', 'OVHcloud cannot be reached (connection refused).'),
    });
    const user = userEvent.setup();
    render(TerminationDialog, { props: { licence, name: 'Camille Martin', onDone: () => {}, onClose: () => {} } });
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Ask OVHcloud for the token' }));
    await within(dialog).findByText(/cannot be reached/);
    expect(within(dialog).queryByLabelText('Token from OVHcloud’s e-mail')).toBeNull();
  });
});

describe('free licences reminder', () => {
  it('saves a threshold, shows Rust’s refusal beside the field, and turns it off', async () => {
    let calls = 0;
    const rust = fakeRust({
      set_free_seats_alert: ({ threshold }) => {
        calls += 1;
        if (threshold === 0) {
          ipcError('invalidInput', 'The free licences threshold must be a whole number from 1 to 300.', {
            field: 'freeSeatsThreshold',
          });
        }
        return null;
      },
    });
    const user = userEvent.setup();
    render(FreeSeatsAlert, { props: { groupId: 1, threshold: 5 } });
    const input = screen.getByLabelText('Remind me when fewer licences than this are free');
    await user.clear(input);
    await user.type(input, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/whole number from 1 to 300/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await user.clear(input);
    await user.type(input, '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Reminder saved: below 3 free licences.');
    await user.click(screen.getByRole('button', { name: 'Turn off' }));
    await screen.findByText('Reminder turned off.');
    expect(rust.callsOf('set_free_seats_alert').map((c) => c.args.threshold)).toEqual([0, 3, null]);
    expect(calls).toBe(3);
  });
});
