import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { userInstalls } from '../../test/fixtures';
import type { UserInstalls } from '../../lib/bindings';
import { fakeRust, ipcError } from '../../test/ipc';
import InstallsTab from './InstallsTab.svelte';

describe('installs tab', () => {
  it('records a device, refuses a sixth of a kind with Rust’s message, and signs a device out', async () => {
    let users: UserInstalls[] = [userInstalls(1, 'Camille', 'Martin', 5), userInstalls(2, 'Louis', 'Laurent', 1)];
    const rust = fakeRust({
      list_installs: () => users,
      add_install: ({ licenceId, kind, deviceName, installedOn }) => {
        if (kind === 'computer') {
          ipcError(
            'limitReached',
            'This user already has 5 computers (PC or Mac) with Microsoft 365 installed, the most a licence allows. Sign one out first.',
            {
              rule: 'install.limit',
              field: 'deviceName',
            },
          );
        }
        const install = {
          id: 999,
          licenceId: licenceId as number,
          kind: kind as 'tablet',
          deviceName: String(deviceName),
          installedOn: String(installedOn),
          signedOutOn: null,
        };
        users = users.map((u) =>
          u.licenceId === licenceId
            ? { ...u, counts: { ...u.counts, tablets: u.counts.tablets + 1 }, devices: [...u.devices, install] }
            : u,
        );
        return install;
      },
      sign_out_install: ({ installId }) => {
        users = users.map((u) => ({
          ...u,
          counts: u.devices.some((d) => d.id === installId)
            ? { ...u.counts, computers: u.counts.computers - 1 }
            : u.counts,
          devices: u.devices.map((d) => (d.id === installId ? { ...d, signedOutOn: '2026-11-23' } : d)),
        }));
        return null;
      },
      open_external: null,
    });
    const onNotice = vi.fn();
    const user = userEvent.setup();
    render(InstallsTab, { props: { groupId: 1, focus: { licenceId: 1, nonce: 1 }, onError: vi.fn(), onNotice } });

    const heading = await screen.findByRole('heading', { level: 3, name: 'Camille Martin' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const computers = screen.getByRole('region', { name: /Computers \(PC or Mac\)/ });
    expect(within(computers).getByText('5 of 5')).toBeTruthy();
    expect(within(computers).getAllByRole('listitem')).toHaveLength(5);
    const people = screen.getByRole('navigation', { name: 'Licence users' });
    expect(
      within(people)
        .getByRole('button', { name: /Camille Martin/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    expect(within(people).getByRole('button', { name: /Louis Laurent/ }).textContent).toContain('1 of 5 computers');

    // A tablet is fine.
    const name = screen.getByRole('textbox', { name: 'Device name' });
    const date = screen.getByLabelText('Installed on') as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await user.type(name, 'iPad (Camille)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Tablets');
    await user.click(screen.getByRole('button', { name: 'Add device' }));
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith('iPad (Camille) recorded for Camille Martin.'));
    expect(rust.callsOf('add_install')[0]?.args).toEqual({
      licenceId: 1,
      kind: 'tablet',
      deviceName: 'iPad (Camille)',
      installedOn: date.value,
    });
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: /Tablets/ })).getByText('1 of 5')).toBeTruthy(),
    );

    // A sixth computer: refused, and said so as a refusal (not as a bad device name).
    await user.type(screen.getByRole('textbox', { name: 'Device name' }), 'PC 6');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Computers (PC or Mac)');
    await user.click(screen.getByRole('button', { name: 'Add device' }));
    const form = screen.getByRole('form', { name: 'Add a device' });
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('already has 5 computers'));
    expect(screen.getByRole('textbox', { name: 'Device name' }).getAttribute('aria-invalid')).toBeNull();

    // Signing one out frees a seat; Microsoft's page is one click away.
    await user.click(screen.getByRole('button', { name: 'Sign out PC 1 (Camille)' }));
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: /Computers/ })).getByText('4 of 5')).toBeTruthy(),
    );
    expect(screen.getByText('1 signed-out device')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open Microsoft account devices' }));
    expect(rust.callsOf('open_external')[0]?.args).toEqual({ url: 'https://account.microsoft.com/devices' });
  });
});
