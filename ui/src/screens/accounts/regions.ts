// OVHcloud's API regions as the accounts dialog names them, and where each region's
// application keys are created.
import { t } from '../../i18n/index.svelte';
import type { Region } from '../../lib/api/sync';

export const REGIONS: readonly Region[] = ['ovh-eu', 'ovh-ca', 'ovh-us'];

/** Where each region's application keys are created. */
export const CREATE_APP: Record<Region, string> = {
  'ovh-eu': 'https://eu.api.ovh.com/createApp/',
  'ovh-ca': 'https://ca.api.ovh.com/createApp/',
  'ovh-us': 'https://api.us.ovhcloud.com/createApp/',
};

/** The endpoint of the demo account (a simulated OVHcloud on this computer). */
export const DEMO_ENDPOINT = 'demo';

/** An account's endpoint in words: its region, the demo, or the address itself. */
export function regionName(endpoint: string): string {
  if (endpoint === DEMO_ENDPOINT) return t('accounts.region.demo');
  return (REGIONS as readonly string[]).includes(endpoint) ? t(`accounts.region.${endpoint as Region}`) : endpoint;
}
