import { describe, expect, it } from 'vitest';
import { changed } from '../../lib/data.svelte';
import { makeLicences } from '../../test/fixtures';
import { fakeRust, ipcError } from '../../test/ipc';
import { currentLicences, loadLicences } from './licenceCache';

describe('licences read ahead', () => {
  it('reads a group once until something changes, and again after', async () => {
    const rust = fakeRust({ list_licences: makeLicences(3) });
    expect(currentLicences(1)).toBeNull();
    const [a, b] = await Promise.all([loadLicences(1), loadLicences(1)]);
    expect(a).toBe(b);
    expect(currentLicences(1)).toBe(a);
    expect(rust.callsOf('list_licences')).toHaveLength(1);

    changed();
    expect(currentLicences(1)).toBeNull();
    const c = await loadLicences(1);
    expect(c).not.toBe(a);
    expect(rust.callsOf('list_licences')).toHaveLength(2);
    // Another group is read for itself.
    expect(currentLicences(2)).toBeNull();
    await loadLicences(2);
    expect(rust.callsOf('list_licences').at(-1)?.args).toEqual({ groupId: 2 });
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const rust = fakeRust({
      list_licences: () => (fail ? ipcError('storage', 'The database is busy.') : makeLicences(2)),
    });
    await expect(loadLicences(1)).rejects.toMatchObject({ code: 'storage' });
    fail = false;
    expect((await loadLicences(1)).size).toBe(2);
    expect(rust.callsOf('list_licences')).toHaveLength(2);
  });
});
