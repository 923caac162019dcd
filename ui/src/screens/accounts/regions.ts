// OVHcloud's API regions as the accounts dialog names them, and where each region's
// application keys are created: from the rules Rust generates (src-tauri/rules.rs).
import { t } from '../../i18n/index.svelte';
import type { Region } from '../../lib/api/sync';
import { RULES } from '../../lib/bindings';

export const REGIONS: readonly Region[] = RULES.regions.map((r) => r.name as Region);

/** Where each region's application keys are created. */
export const CREATE_APP: Record<Region, string> = Object.fromEntries(
  RULES.regions.map((r) => [r.name, r.createAppUrl]),
) as unknown as Record<Region, string>;

/** The endpoint of the demo account (a simulated OVHcloud on this computer). */
export const DEMO_ENDPOINT = RULES.demoEndpoint;

/** An account's endpoint in words: its region, the demo, or the address itself. */
export function regionName(endpoint: string): string {
  if (endpoint === DEMO_ENDPOINT) return t('accounts.region.demo');
  return (REGIONS as readonly string[]).includes(endpoint) ? t(`accounts.region.${endpoint as Region}`) : endpoint;
}
