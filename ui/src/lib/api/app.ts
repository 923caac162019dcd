// Typed wrappers of src-tauri/commands/app.rs.
import type { AppStatus, Lang, Preferences, SampleReport, WindowStart } from '../bindings';
import { call } from './call';

export const getAppStatus = (): Promise<AppStatus> => call('get_app_status');

/**
 * What the first screen needs (preferences, status, groups) in one round trip. Call
 * first: it also tells Rust which language to translate errors into.
 */
export const startWindow = (systemLanguage: string): Promise<WindowStart> => call('start_window', { systemLanguage });

/** `language` null: follow the system language. */
export const setLanguage = (language: Lang | null, systemLanguage: string): Promise<Preferences> =>
  call('set_language', { language, systemLanguage });

export const loadSampleData = (): Promise<SampleReport> => call('load_sample_data');

export const removeSampleData = (): Promise<null> => call('remove_sample_data');

/** Opens a trusted OVHcloud or Microsoft page in the system browser (the only way out). */
export const openExternal = (url: string): Promise<null> => call('open_external', { url });

export const reportFirstPaint = (page: Record<string, number>): Promise<null> => call('report_first_paint', { page });
