// The licences of the group on screen, read once per data version and kept while
// nothing changes: the group page reads them in the background as soon as its overview
// is shown, so opening the Licences tab (again) draws the table at once instead of
// waiting for thousands of rows to cross IPC. A change anywhere bumps the data version,
// and the next read goes to Rust again — the same freshness as a tab left open.
import { listLicences } from '../../lib/api/groups';
import { dataVersion } from '../../lib/data.svelte';
import { LicenceList } from './licenceList';

type Entry = { groupId: number; version: number; list: Promise<LicenceList>; ready: LicenceList | null };

/** One group at a time: the one being looked at. */
let entry: Entry | null = null;

/** The group's licences if they were read since the last change, else `null`. */
export function currentLicences(groupId: number): LicenceList | null {
  return entry && entry.groupId === groupId && entry.version === dataVersion.value ? entry.ready : null;
}

/** Reads the group's licences, unless a read since the last change is done or under way. */
export function loadLicences(groupId: number): Promise<LicenceList> {
  const version = dataVersion.value;
  if (entry && entry.groupId === groupId && entry.version === version) return entry.list;
  const next: Entry = {
    groupId,
    version,
    ready: null,
    list: listLicences(groupId).then((rows) => {
      const list = new LicenceList(rows);
      next.ready = list;
      return list;
    }),
  };
  // A failed read is not kept: the next one asks Rust again.
  next.list.catch(() => {
    if (entry === next) entry = null;
  });
  entry = next;
  return next.list;
}

/** Forgets what was read (tests; a group left for the list). */
export function forgetLicences(): void {
  entry = null;
}
