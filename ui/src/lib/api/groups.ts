// Typed wrappers of src-tauri/commands/groups.rs.
import type {
  GroupOverview,
  GroupSummary,
  HistoryEntry,
  HistoryFilter,
  LicenceRow,
  UsagePeriod,
  UsageSeries,
} from '../bindings';
import { call } from './call';

export const listGroups = (): Promise<GroupSummary[]> => call('list_groups');

export const getGroupOverview = (groupId: number): Promise<GroupOverview> => call('get_group_overview', { groupId });

/** Rejects with code invalidInput and field displayName for a blank or too long name. */
export const renameGroup = (groupId: number, name: string): Promise<GroupSummary> =>
  call('rename_group', { groupId, name });

export const listLicences = (groupId: number): Promise<LicenceRow[]> => call('list_licences', { groupId });

/** Newest first; `filter` narrows to one licence and/or one kind. */
export const listHistory = (groupId: number, filter: HistoryFilter | null = null): Promise<HistoryEntry[]> =>
  call('list_history', filter ? { groupId, filter } : { groupId });

/** Licences in use per day and per type over `period`. */
export const getUsage = (groupId: number, period: UsagePeriod): Promise<UsageSeries> =>
  call('get_usage', { groupId, period });

/** The group was opened: OVHcloud's view of its details is read again at the next sync. */
export const refreshGroup = (groupId: number): Promise<null> => call('refresh_group', { groupId });
