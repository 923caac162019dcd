import { describe, expect, it, vi } from 'vitest';
import { lazy, once, prefetchLazy } from './lazy';

describe('lazy screens', () => {
  it('loads a module once however many callers ask at the same time', async () => {
    const load = vi.fn(() => Promise.resolve({ default: 'screen' }));
    const get = once(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
  });

  it('tries again after a failed load', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce('screen');
    const get = once(load);
    await expect(get()).rejects.toThrow('offline');
    await expect(get()).resolves.toBe('screen');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('opens a screen with the module the background fetch is loading, fully evaluated', async () => {
    prefetchLazy();
    const opened = lazy.groupPage();
    expect(opened).toBe(lazy.groupPage());
    const { default: GroupPage } = await opened;
    expect(typeof GroupPage).toBe('function');
  });
});
