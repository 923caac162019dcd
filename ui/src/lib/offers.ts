// What each Microsoft 365 offer sold by OVHcloud includes. App names are Microsoft's
// product names, the same in every language.
import type { LicenceType } from './bindings';

const BUSINESS_APPS = ['Excel', 'Word', 'PowerPoint', 'Outlook', 'OneNote', 'Publisher'] as const;

export const OFFER_APPS: Readonly<Record<LicenceType, readonly string[]>> = {
  officeBusiness: BUSINESS_APPS,
  officeProPlus: [...BUSINESS_APPS, 'Access'],
};

/** Installs allowed per user and per kind of device. */
export const MAX_INSTALLS_PER_KIND = 5;

export const MICROSOFT_365_PORTAL = 'https://portal.office.com/';
