import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DialogHarness from '../test/DialogHarness.svelte';

describe('dialog', () => {
  it('closes on Escape from inside', async () => {
    const onClose = vi.fn();
    render(DialogHarness, { props: { onClose } });
    const user = userEvent.setup();
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('still closes on Escape, and takes Tab back, when the focus fell out to the page', async () => {
    const onClose = vi.fn();
    render(DialogHarness, { props: { onClose } });
    const user = userEvent.setup();
    // What a focused Save button that becomes disabled while saving does in WebKit.
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    await user.keyboard('{Tab}');
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('does not close while busy', async () => {
    const onClose = vi.fn();
    render(DialogHarness, { props: { onClose, busy: true } });
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
  });
});
