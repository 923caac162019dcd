import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeLicences } from '../../test/fixtures';
import type { LicenceRow } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import AccountDialog from './AccountDialog.svelte';

const slot = makeLicences(3, { empty: 1 })[2] as LicenceRow;

function setup(mode: 'activate' | 'edit' | 'add', licence: LicenceRow | null) {
  const onDone = vi.fn();
  const onClose = vi.fn();
  render(AccountDialog, {
    props: { mode, licence, groupId: 2, domain: 'office4417.o365.ovh.com', offer: 'officeBusiness', onDone, onClose },
  });
  return { onDone, onClose, user: userEvent.setup() };
}

describe('account dialog', () => {
  it('activates a slot in two steps; each broken rule goes back to the form, beside its field', async () => {
    let calls = 0;
    const rust = fakeRust({
      activate_licence: ({ account }) => {
        calls += 1;
        if (calls === 1) {
          ipcError('invalidInput', 'The first name is required.', {
            rule: 'name.empty',
            field: 'firstName',
            problems: [
              { field: 'firstName', rule: 'name.empty', message: 'The first name is required.' },
              {
                field: 'login',
                rule: 'login.dots',
                message: 'The login cannot start or end with a full stop, nor contain two full stops in a row.',
              },
              { field: 'usageLocation', rule: 'usageLocation.unknown', message: '“XX” is not a country code.' },
            ],
          });
        }
        const a = account as Record<string, string>;
        return {
          ...slot,
          isEmptySlot: false,
          blocked: null,
          canActivate: false,
          state: 'creating',
          firstName: a.firstName,
          lastName: a.lastName,
          login: a.login,
          activationEmail: `${a.login}@office4417.o365.ovh.com`,
        };
      },
    });
    const { onDone, user } = setup('activate', slot);
    const dialog = screen.getByRole('dialog', { name: 'Activate a licence' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const first = within(dialog).getByRole('textbox', { name: 'First name' });
    expect(document.activeElement).toBe(first);
    const login = within(dialog).getByRole('textbox', { name: 'Login' });
    // The group's domain is shown beside the login, and read with it.
    expect(within(dialog).getByText('@office4417.o365.ovh.com')).toBeTruthy();
    expect(login.getAttribute('aria-describedby')).toContain('-domain');
    expect((within(dialog).getByRole('textbox', { name: 'Usage location' }) as HTMLInputElement).value).toBe('FR');

    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Arnaud');
    await user.type(login, 'zoe..arnaud');
    const location = within(dialog).getByRole('textbox', { name: 'Usage location' });
    await user.clear(location);
    await user.type(location, 'XX');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    // Review: what will be sent, with the activation e-mail it makes.
    expect(within(dialog).getByText('Step 2 of 2: review and confirm')).toBeTruthy();
    expect(within(dialog).getByText('zoe..arnaud@office4417.o365.ovh.com')).toBeTruthy();
    expect(rust.callsOf('activate_licence')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));

    // Back on the form, each problem beside its own field.
    const firstAgain = await within(dialog).findByRole('textbox', { name: 'First name' });
    for (const [name, text] of [
      ['First name', 'The first name is required.'],
      ['Login', 'two full stops in a row'],
      ['Usage location', 'is not a country code'],
    ] as const) {
      const input = within(dialog).getByRole('textbox', { name });
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const errorId = input
        .getAttribute('aria-describedby')
        ?.split(' ')
        .find((id) => id.endsWith('-error'));
      expect(document.getElementById(errorId ?? '')?.textContent).toContain(text);
    }
    expect(within(dialog).getByRole('textbox', { name: 'Last name' }).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(firstAgain);
    // Field errors are not repeated in the dialog's alert.
    expect(within(dialog).getByRole('alert').textContent?.trim()).toBe('');

    await user.type(firstAgain, 'Zoé');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Login' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Login' }), 'zoe.arnaud');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Usage location' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Usage location' }), 'be');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(rust.callsOf('activate_licence')[1]?.args).toEqual({
      licenceId: 3,
      account: { firstName: 'Zoé', lastName: 'Arnaud', login: 'zoe.arnaud', usageLocation: 'be' },
    });
  });

  it('a refusal about no field (login taken) shows in the dialog alert', async () => {
    fakeRust({
      edit_account: () =>
        ipcError(
          'precondition',
          'louis.laurent@office4417.o365.ovh.com is already used by another licence of this group; choose another login.',
        ),
    });
    const licence = makeLicences(2)[0] as LicenceRow;
    const { user, onClose } = setup('edit', licence);
    const dialog = screen.getByRole('dialog', { name: 'Edit the account of Camille Martin' });
    expect((within(dialog).getByRole('textbox', { name: 'Login' }) as HTMLInputElement).value).toBe('camille.martin');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('is already used'));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('adds a pay-as-you-go user with a licence type', async () => {
    const rust = fakeRust({ add_user: ({ account }) => ({ ...makeLicences(1)[0], ...(account as object) }) });
    const { user, onDone } = setup('add', null);
    const dialog = screen.getByRole('dialog', { name: 'Add a user' });
    const types = within(dialog).getByRole('group', { name: 'Licence type' });
    expect((within(types).getByRole('radio', { name: /Apps for business/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(types).getByRole('radio', { name: /Apps for enterprise/ }).parentElement?.textContent).toContain(
      'Access',
    );
    await user.click(within(types).getByRole('radio', { name: /Apps for enterprise/ }));
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Nina');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Simone');
    await user.type(within(dialog).getByRole('textbox', { name: 'Login' }), 'nina.simone');
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(within(dialog).getByText('Apps for enterprise')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(rust.callsOf('add_user')[0]?.args).toEqual({
      groupId: 2,
      licenceType: 'officeProPlus',
      account: { firstName: 'Nina', lastName: 'Simone', login: 'nina.simone', usageLocation: 'FR' },
    });
  });
});
