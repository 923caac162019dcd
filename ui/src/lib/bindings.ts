// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test bindings`. Do not edit.

export type Lang = "en" | "fr";

export type Field = "firstName" | "lastName" | "login" | "usageLocation" | "password" | "displayName" | "quantity" | "deviceName";

export type LicenceType = "officeBusiness" | "officeProPlus";

export type GroupFamily = "prepaid" | "payAsYouGo";

export type DeviceKind = "computer" | "tablet" | "phone";

export type InstallCounts = { computers: number, tablets: number, phones: number, };

export type PasswordCheck = { length: boolean, ascii: boolean, lower: boolean, upper: boolean, digitOrSpecial: boolean, withoutLogin: boolean, };

export type ErrorCode = "invalidInput" | "limitReached" | "notFound" | "precondition" | "databaseTooNew" | "storage" | "keychain" | "untrustedUrl" | "internal";

export type IpcError = { code: ErrorCode, 
/**
 * Already in the user's language.
 */
message: string, 
/**
 * The stable code of the broken rule (`login.length`, `group.capacity`, …).
 */
rule?: string, field?: Field, };

export type Preferences = { language: Lang, 
/**
 * `None`: following the system language.
 */
chosenLanguage: Lang | null, };

export type AppStatus = { 
/**
 * Connected OVHcloud accounts (the sample account not included).
 */
accounts: number, hasSampleData: boolean, groups: number, databasePath: string, schemaVersion: number, 
/**
 * Where the pre-migration copy went, if this start migrated the database.
 */
migrationBackup: string | null, };

export type GroupSummary = { id: number, accountLabel: string, serviceName: string, displayName: string, family: GroupFamily, offer: LicenceType, 
/**
 * As OVHcloud reports it: ok, suspended, expired, …
 */
status: string, 
/**
 * Licences with a user (not empty slots).
 */
licencesUsed: number, 
/**
 * Every licence of the group, empty slots included.
 */
licencesTotal: number, nextPaymentOn: string | null, isSample: boolean, 
/**
 * Changes made here and not yet confirmed by OVHcloud.
 */
pendingChanges: number, };

export type Money = { ucents: number, currency: string, };

export type TypeCounts = { licenceType: LicenceType, total: number, assigned: number, 
/**
 * Empty slots, paid for and not configured.
 */
free: number, pricePerMonth: Money | null, };

export type OrderSummary = { id: number, licenceType: LicenceType, quantity: number, state: string, paymentUrl: string | null, createdAt: string, };

export type GroupOverview = { group: GroupSummary, domain: string | null, createdOn: string | null, renewalPeriod: string | null, mcaAgreed: boolean, byType: Array<TypeCounts>, 
/**
 * What the group costs per month at catalog prices, when every price is known.
 */
monthlyCost: Money | null, 
/**
 * Paid-for slots nobody uses.
 */
unconfiguredSlots: number, 
/**
 * Licence users with no install recorded in the ledger.
 */
usersWithoutInstall: number, ordersInProgress: Array<OrderSummary>, syncedAt: string | null, };

export type LicenceRow = { id: number, 
/**
 * OVHcloud's id: the prepaid service name or the pay-as-you-go activation e-mail.
 */
remoteId: string, licenceType: LicenceType, 
/**
 * OVHcloud's status as it comes (ok, creating, deleting, suspended, …).
 */
state: string, 
/**
 * An empty slot: paid for, no user configured yet.
 */
isVirtual: boolean, firstName: string | null, lastName: string | null, login: string | null, activationEmail: string | null, usageLocation: string | null, installs: InstallCounts, 
/**
 * A change to this licence waits to be confirmed by OVHcloud.
 */
hasPendingChange: boolean, };

export type Origin = "user" | "sync" | "sample";

export type HistoryEntry = { id: number, at: string, origin: Origin, 
/**
 * What happened: groupRenamed, licenceActivated, installAdded, orderPlaced, …
 */
kind: string, licenceId: number | null, 
/**
 * The facts of the change (names, counts), never a secret.
 */
details: Record<string, unknown>, };

export type SampleReport = { groups: number, licences: number, installs: number, };
