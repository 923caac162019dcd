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

/** Where OVHcloud explains Microsoft 365 apps on a remote desktop (Remote Desktop Services). */
export const REMOTE_DESKTOP_GUIDE =
  'https://docs.ovh.com/fr/microsoft-collaborative-solutions/office365-proplus-bureau-a-distance/';

/** Where a Microsoft 365 user really signs a device out. */
export const MICROSOFT_DEVICES = 'https://account.microsoft.com/devices';

/** Most Apps for business licences a group may hold, those on order included. */
export const BUSINESS_GROUP_MAX = 300;
