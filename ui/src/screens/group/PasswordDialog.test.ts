import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeLicences } from '../../test/fixtures';
import type { LicenceRow, PasswordCheck } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import PasswordDialog from './PasswordDialog.svelte';

const licence = makeLicences(1)[0] as LicenceRow;

/** Rust's rule check, good enough for the dialog's live feedback. */
function check({ password, login }: Record<string, unknown>): PasswordCheck {
  const p = String(password);
  return {
    length: p.length >= 8 && p.length <= 16,
    ascii: /^[\x21-\x7e]*$/.test(p),
    lower: /[a-z]/.test(p),
    upper: /[A-Z]/.test(p),
    digitOrSpecial: /[0-9~!@#$%^&*_\-+=|\\(){}[\]:;'<>,.?]/.test(p),
    withoutLogin: !p.toLowerCase().includes(String(login).toLowerCase()),
  };
}

describe('password dialog', () => {
  it('shows a generated password once; closing forgets it', async () => {
    const rust = fakeRust({ change_password: { changeId: 12, password: 'Kx7!pQ2#vLm9' } });
    const onDone = vi.fn();
    const onClose = vi.fn();
    // user-event stands in for the system clipboard.
    const user = userEvent.setup();
    const { unmount } = render(PasswordDialog, { props: { licence, onDone, onClose } });
    const dialog = screen.getByRole('dialog', { name: 'Change the password of Camille Martin' });
    const generate = within(dialog).getByRole('radio', { name: /Generate a password/ }) as HTMLInputElement;
    expect(generate.checked).toBe(true);
    expect(document.activeElement).toBe(generate);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Send the password to (optional)' }),
      'camille@example.com',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));

    await within(dialog).findByText('Kx7!pQ2#vLm9');
    expect(rust.callsOf('change_password')[0]?.args).toEqual({
      licenceId: 1,
      password: null,
      notifyEmail: 'camille@example.com',
    });
    expect(onDone).toHaveBeenCalledOnce();
    expect(dialog.textContent).toContain('This is the only time it is shown');
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('Kx7!pQ2#vLm9');
    expect(within(dialog).getByRole('status').textContent).toContain('Password copied');

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
    unmount();
    expect(document.body.innerHTML).not.toContain('Kx7!pQ2#vLm9');

    // Opened again: a fresh dialog, no trace of the old password.
    render(PasswordDialog, { props: { licence, onDone, onClose } });
    expect(document.body.textContent).not.toContain('Kx7!pQ2#vLm9');
    expect(screen.getByRole('button', { name: 'Change password' })).toBeTruthy();
  });

  it('checks my own password rule by rule as I type, and shows Rust’s refusal beside the field', async () => {
    const rust = fakeRust({
      check_password: check,
      change_password: () =>
        ipcError('invalidInput', 'The password cannot contain the user’s login.', {
          rule: 'password.containsLogin',
          field: 'password',
        }),
    });
    const user = userEvent.setup();
    render(PasswordDialog, { props: { licence, onDone: vi.fn(), onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Set my own' }));
    const field = within(dialog).getByLabelText('Password') as HTMLInputElement;
    expect(field.type).toBe('password');
    await user.click(within(dialog).getByRole('button', { name: 'Show' }));
    expect(field.type).toBe('text');
    expect(within(dialog).getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe('true');

    await user.type(field, 'abc');
    await waitFor(() => expect(within(dialog).getByText('Rules met: 3 of 6')).toBeTruthy());
    await user.type(field, 'DEF1camille.martin');
    await waitFor(() => expect(within(dialog).getByText('Rules met: 4 of 6')).toBeTruthy());
    const rule = within(dialog).getByText('Does not contain the login').closest('li');
    expect(rule?.textContent).toContain('(not met)');
    expect(rust.callsOf('check_password').at(-1)?.args).toEqual({
      password: 'abcDEF1camille.martin',
      login: 'camille.martin',
    });

    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const errorId = field
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toContain('cannot contain the user’s login');
    expect(rust.callsOf('change_password')[0]?.args).toEqual({
      licenceId: 1,
      password: 'abcDEF1camille.martin',
      notifyEmail: null,
    });
  });
});
