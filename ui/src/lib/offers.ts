// What each Microsoft 365 offer sold by OVHcloud includes, its limits, and the pages
// the window links to: read from the rules Rust generates (`RULES` in bindings.ts,
// from src-tauri/rules.rs), never written here.
import { RULES, type LicenceType } from './bindings';

export const OFFER_APPS: Readonly<Record<LicenceType, readonly string[]>> = Object.fromEntries(
  RULES.offers.map((o) => [o.licenceType, o.apps]),
) as unknown as Record<LicenceType, readonly string[]>;

/** Most licences of `type` one group may hold, those on order included (null: no limit). */
export function maxLicences(type: LicenceType): number | null {
  return RULES.offers.find((o) => o.licenceType === type)?.maxLicences ?? null;
}

/** Installs allowed per user and per kind of device. */
export const MAX_INSTALLS_PER_KIND = RULES.maxInstallsPerKind;

export const MICROSOFT_365_PORTAL = RULES.links.microsoft365Portal;

/** Where OVHcloud explains Microsoft 365 apps on a remote desktop (Remote Desktop Services). */
export const REMOTE_DESKTOP_GUIDE = RULES.links.remoteDesktopGuide;

/** Where a Microsoft 365 user really signs a device out. */
export const MICROSOFT_DEVICES = RULES.links.microsoftDevices;
