// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test bindings`. Do not edit.

export type Lang = "en" | "fr";

export type Field = "firstName" | "lastName" | "login" | "usageLocation" | "password" | "displayName" | "quantity" | "deviceName" | "notifyEmail" | "renewalPeriod" | "installedOn" | "accountName" | "endpoint" | "applicationKey" | "applicationSecret" | "companyName" | "country" | "language" | "email" | "phone" | "token" | "reason" | "futureUse" | "commentary" | "renewalMode" | "freeSeatsThreshold" | "reminderDays";

export type LicenceType = "officeBusiness" | "officeProPlus";

export type GroupFamily = "prepaid" | "payAsYouGo";

export type DeviceKind = "computer" | "tablet" | "phone";

export type InstallCounts = { computers: number, tablets: number, phones: number, };

export type LicenceBlock = "agreementNotSigned" | "noUser" | "busy" | "changeInFlight";

export type PasswordCheck = { length: boolean, ascii: boolean, lower: boolean, upper: boolean, digitOrSpecial: boolean, withoutLogin: boolean, };

export type ErrorCode = "invalidInput" | "limitReached" | "notFound" | "precondition" | "databaseTooNew" | "storage" | "keychain" | "remote" | "offline" | "untrustedUrl" | "internal";

export type FieldProblem = { field: Field, rule: string, message: string, };

export type IpcError = { code: ErrorCode, 
/**
 * Already in the user's language.
 */
message: string, 
/**
 * The stable code of the broken rule (`login.length`, `group.capacity`, …).
 */
rule?: string, field?: Field, 
/**
 * Every broken rule of a form, one per field, when a form was checked whole.
 */
problems?: Array<FieldProblem>, };

export type AccountInput = { firstName: string, lastName: string, 
/**
 * The local part of the activation e-mail; the domain is the group's.
 */
login: string, usageLocation: string, 
/**
 * The domain after `@`, for a pay-as-you-go group with several; none: the group's.
 */
domain?: string, };

export type Theme = "system" | "light" | "dark";

export type Preferences = { language: Lang, 
/**
 * `None`: following the system language.
 */
chosenLanguage: Lang | null, theme: Theme, checkUpdates: boolean, };

export type WindowStart = { preferences: Preferences, status: AppStatus, 
/**
 * Empty, with `groups_error`, when they could not be read (the list says why).
 */
groups: Array<GroupSummary>, groupsError: IpcError | null, 
/**
 * The header's sync indicator (then kept up to date by events).
 */
sync: SyncStatus, 
/**
 * The header's pending changes, the reminders and the list's open orders; `None`
 * when one could not be read (the window reads it again once painted, as after
 * every change, and says why where it is shown).
 */
pending: Array<PendingChange> | null, reminders: Array<Reminder> | null, orders: Array<OpenOrder> | null, };

export type Backend = "platform" | "secretService" | "kernelKeyring" | "memory";

export type KeychainInfo = { backend: Backend, persistent: boolean, problem: string | null, };

export type AppStatus = { 
/**
 * Connected OVHcloud accounts (the sample account not included).
 */
accounts: number, hasSampleData: boolean, groups: number, databasePath: string, schemaVersion: number, 
/**
 * Where the pre-migration copy went, if this start migrated the database.
 */
migrationBackup: string | null, };

export type GroupSummary = { id: number, accountId: number, accountLabel: string, serviceName: string, displayName: string, family: GroupFamily, offer: LicenceType, 
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
pendingChanges: number, 
/**
 * Why OVHcloud could not be read for this group at the last sync (expired,
 * gone…): what is shown may be out of date.
 */
syncError: string | null, syncErrorSince: string | null, 
/**
 * A prepaid group's Microsoft Customer Agreement is accepted (pay-as-you-go: always).
 */
mcaAgreed: boolean, };

export type Money = { ucents: number, currency: string, };

export type TypeCounts = { licenceType: LicenceType, total: number, assigned: number, 
/**
 * Empty slots, paid for and not configured.
 */
free: number, pricePerMonth: Money | null, };

export type OrderState = "queued" | "sent" | "awaitingPayment" | "paid" | "delivered" | "cancelled" | "failed";

export type OrderSummary = { id: number, licenceType: LicenceType, quantity: number, state: OrderState, paymentUrl: string | null, createdAt: string, };

export type Capacity = { licenceType: LicenceType, held: number, onOrder: number, 
/**
 * `None`: no limit.
 */
max: number | null, 
/**
 * How many more may be ordered (`None`: no limit).
 */
room: number | null, };

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
usersWithoutInstall: number, ordersInProgress: Array<OrderSummary>, syncedAt: string | null, 
/**
 * For each licence type: how many more a new order may add (the 300 cap counts
 * licences on order too), so the order wizard never works it out itself.
 */
capacity: Array<Capacity>, 
/**
 * How the group renews, as OVHcloud last said (or as the user just set it).
 */
renewal: Renewal | null, 
/**
 * A renewal change of ours is on its way to OVHcloud.
 */
renewalPending: boolean, 
/**
 * The Microsoft Customer Agreement page OVHcloud created, to sign.
 */
attestationLink: string | null, 
/**
 * The acceptance of the agreement is on its way to OVHcloud.
 */
agreementPending: boolean, 
/**
 * A pay-as-you-go group's domains.
 */
domains: Array<GroupDomain>, 
/**
 * Remind the user when fewer licences than this are free (`None`: never).
 */
freeSeatsAlert: number | null, 
/**
 * The group belongs to the demo account (its agreement is signed from the window,
 * on the simulator, not in the browser).
 */
isDemo: boolean, 
/**
 * Parts OVHcloud did not give at the last sync (the rest was read): they show what
 * was read before, and say why.
 */
staleParts: Array<StalePart>, };

export type GroupPart = "renewal" | "domains" | "usage";

export type StalePart = { part: GroupPart, 
/**
 * The first read that failed, of those since the last that succeeded (RFC 3339).
 */
since: string, 
/**
 * Why, in the user's language: the request, what went wrong, OVHcloud's query id.
 */
reason: string, };

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
isEmptySlot: boolean, firstName: string | null, lastName: string | null, login: string | null, activationEmail: string | null, usageLocation: string | null, installs: InstallCounts, 
/**
 * A change to this licence waits to be confirmed by OVHcloud.
 */
hasPendingChange: boolean, 
/**
 * Why editing its user, changing the password or freeing it is unavailable now.
 */
blocked: LicenceBlock | null, 
/**
 * An empty prepaid slot a user can be put on now.
 */
canActivate: boolean, 
/**
 * Where the licence is in its termination, if it is in one (prepaid only).
 */
termination?: Termination, };

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

export type PasswordSet = { changeId: number, password: string | null, };

export type HistoryFilter = { licenceId: number | null, kind: string | null, };

export type ChangeKind = "activate" | "editAccount" | "changePassword" | "free" | "renameGroup" | "order" | "setRenewal" | "acceptAgreement" | "confirmTermination";

export type ChangeState = "queued" | "sending" | "waitingRemote" | "done" | "failed" | "parked";

export type PlannedRequest = { method: string, path: string, 
/**
 * The JSON body, byte for byte.
 */
body: string | null, };

export type ParkReason = "passwordMissing" | "keychainUnavailable" | "orderUnknown" | "notPlannable";

export type ChangeError = { "code": "slotTaken", licence: string, takenBy: string, } | { "code": "loginTaken", email: string, firstName: string, lastName: string, } | { "code": "busy", detail: string, } | { "code": "renewalPartial", service: string, message: string, done: number, } | { "code": "ovhcloud", message: string, queryId: string | null, } | { "code": "passwordMissing" } | { "code": "keychainUnavailable", detail: string, } | { "code": "notPlannable", detail: string, } | { "code": "orderUnknown", checkedOut: boolean, } | { "code": "waitsForEarlier" } | { "code": "text", text: string, };

export type PendingChange = { id: number, kind: ChangeKind, state: ChangeState, groupId: number | null, groupName: string | null, licenceId: number | null, 
/**
 * Who the change is about: the user's name, or the licence's e-mail.
 */
licenceLabel: string | null, attempts: number, 
/**
 * Why it failed or waits, in the user's language (OVHcloud's own words quoted).
 */
lastError: string | null, 
/**
 * Why it waits for the user, when parked.
 */
parkedReason: ParkReason | null, createdAt: string, updatedAt: string, 
/**
 * Still queued (or parked) and the latest change of its licence or group.
 */
canUndo: boolean, 
/**
 * Parked or failed: it can be put back in the queue.
 */
canRetry: boolean, 
/**
 * Failed and not yet dismissed, or parked: the user can let it go.
 */
canDismiss: boolean, 
/**
 * Exactly what will be sent.
 */
preview: Array<PlannedRequest>, };

export type Install = { id: number, licenceId: number, kind: DeviceKind, deviceName: string, installedOn: string, 
/**
 * When the device was signed out; `None` while it uses a seat.
 */
signedOutOn: string | null, };

export type UserInstalls = { licenceId: number, firstName: string | null, lastName: string | null, activationEmail: string | null, counts: InstallCounts, devices: Array<Install>, };

export type AccountSummary = { id: number, label: string, endpoint: string, isSample: boolean, };

export type CatalogEntry = { planCode: string, licenceType: LicenceType, 
/**
 * ISO 8601 duration: P1M, P1Y.
 */
renewalPeriod: string, pricePerMonth: Money, };

export type OrderRequest = { accountId: number, 
/**
 * The group to add licences to; `None` orders a new group.
 */
groupId: number | null, licenceType: LicenceType, renewalPeriod: string, quantity: number, };

export type OrderQuote = { planCode: string, licenceType: LicenceType, renewalPeriod: string, quantity: number, pricePerMonth: Money, 
/**
 * What the ordered licences add per month.
 */
orderMonthly: Money, 
/**
 * The group's monthly total once they are delivered.
 */
newMonthlyTotal: Money, 
/**
 * What the first invoice (this order) comes to: quantity × price × months.
 */
firstInvoice: Money, 
/**
 * Licences of this type the group holds, and has on order, before this order.
 */
held: number, onOrder: number, 
/**
 * The group's limit for this type, if it has one (300 for Apps for business).
 */
max: number | null, };

export type OpenOrder = { id: number, accountLabel: string, groupId: number | null, groupName: string | null, licenceType: LicenceType, quantity: number, renewalPeriod: string, state: OrderState, paymentUrl: string | null, createdAt: string, 
/**
 * An order of the demo account: paid from the window, on the simulator.
 */
isDemo: boolean, };

export type UsagePeriod = "currentMonth" | "lastMonth" | "last3Months" | "last12Months";

export type UsagePoint = { day: string, licenceType: LicenceType, endOfDay: number, peak: number, };

export type UsageSeries = { from: string, to: string, points: Array<UsagePoint>, };

export type ImportRow = { 
/**
 * The row's line in the file (the header is line 1).
 */
line: number, firstName: string, lastName: string, login: string, usageLocation: string, 
/**
 * The rules the row breaks, in the user's language; empty when it is accepted.
 */
problems: Array<string>, };

export type ImportPreview = { rows: Array<ImportRow>, accepted: number, refused: number, 
/**
 * Empty slots the accepted rows will take (prepaid groups); `None` for
 * pay-as-you-go groups, where users are added directly.
 */
freeSlots: number | null, };

export type Phase = "pull" | "push" | "follow";

export type Progress = { phase: Phase, 
/**
 * What is being fetched or sent (a group's name, a change's kind).
 */
item: string, done: number, total: number, 
/**
 * OVHcloud's rate limit (60 requests a minute) holds the next request this long.
 */
waitSeconds: number | null, };

export type ChangeOutcome = { changeId: number, kind: ChangeKind, state: ChangeState, 
/**
 * Why it is not done, typed (worded by whoever shows it).
 */
message: ChangeError | null, 
/**
 * Why it waits for the user, when parked.
 */
parked: ParkReason | null, 
/**
 * For an order just placed: the page where it is paid.
 */
paymentUrl: string | null, };

export type StaleGroup = { serviceName: string, 
/**
 * The part not read (its renewal, domains, usage); `None`: the whole group.
 */
part: GroupPart | null, 
/**
 * OVHcloud's message; for a part, the request, what went wrong and the query id.
 */
reason: string, };

export type SyncReport = { groups: number, licences: number, changes: Array<ChangeOutcome>, 
/**
 * Groups, or parts of groups, OVHcloud could not be read for; they keep what was known.
 */
staleGroups: Array<StaleGroup>, 
/**
 * OVHcloud could not be reached; changes keep waiting.
 */
offline: boolean, 
/**
 * OVHcloud asked to slow down: not before then (RFC 3339).
 */
retryAt: string | null, };

export type SyncStatus = { running: boolean, progress: Progress | null, 
/**
 * Whether OVHcloud answered at the last sync; `None` before any sync.
 */
online: boolean | null, lastSyncAt: string | null, 
/**
 * Why the last sync stopped, in the user's language.
 */
lastError: string | null, 
/**
 * Connected accounts (the sample excluded).
 */
accounts: number, 
/**
 * OVHcloud asked to slow down: the next sync waits until then (RFC 3339).
 */
retryAt: string | null, 
/**
 * Another process (a scheduled `seatkeeper sync`) is syncing this database.
 */
busyElsewhere: boolean, };

export type Connected = { accountId: number, 
/**
 * Where the user must allow Seatkeeper, when OVHcloud issued a new consumer key.
 */
validationUrl: string | null, };

export type SignatoryInput = { companyName: string, 
/**
 * ISO 3166-1 alpha-2, any case; sent upper-case (`CountryUppercaseEnum`).
 */
country: string, 
/**
 * One of [`SIGNATORY_LANGUAGES`].
 */
language: string, firstName: string, lastName: string, email: string, phone: string, };

export type RenewalMode = "automatic" | "manual" | "stopAtExpiration";

export type Renewal = { mode: RenewalMode, 
/**
 * Months between renewals.
 */
periodMonths: number, 
/**
 * The periods OVHcloud offers for this group, in months.
 */
possiblePeriods: Array<number>, 
/**
 * The next renewal (or the end, if it does not renew), `YYYY-MM-DD`.
 */
expiresOn: string | null, 
/**
 * The end of a commitment, `YYYY-MM-DD`.
 */
engagedUpTo: string | null, 
/**
 * Whether OVHcloud lets it be deleted at expiration.
 */
canStopAtExpiration: boolean, };

export type RenewalInput = { mode: RenewalMode, periodMonths: number, };

export type RenewalSettings = { automatic: boolean, deleteAtExpiration: boolean, periodMonths: number, };

export type TerminationReason = "FEATURES_DONT_SUIT_ME" | "LACK_OF_PERFORMANCES" | "MIGRATED_TO_ANOTHER_OVH_PRODUCT" | "MIGRATED_TO_COMPETITOR" | "NOT_ENOUGH_RECOGNITION" | "NOT_NEEDED_ANYMORE" | "NOT_RELIABLE" | "NO_ANSWER" | "OTHER" | "PRODUCT_DIMENSION_DONT_SUIT_ME" | "PRODUCT_TOOLS_DONT_SUIT_ME" | "TOO_EXPENSIVE" | "TOO_HARD_TO_USE" | "UNSATIFIED_BY_CUSTOMER_SUPPORT";

export type TerminationFutureUse = "NOT_REPLACING_SERVICE" | "OTHER" | "SUBSCRIBE_AN_OTHER_SERVICE" | "SUBSCRIBE_OTHER_KIND_OF_SERVICE_WITH_COMPETITOR" | "SUBSCRIBE_SIMILAR_SERVICE_WITH_COMPETITOR";

export type TerminationInput = { token: string, reason?: TerminationReason, futureUse?: TerminationFutureUse, commentary?: string, };

export type Termination = { "stage": "requested", requestedAt: string, } | { "stage": "confirming" } | { "stage": "confirmed", endsOn?: string, };

export type GroupDomain = { name: string, 
/**
 * As OVHcloud reports it: `ok`, `unverified`.
 */
status: string, 
/**
 * The TXT record that proves the domain is the customer's (to add at its DNS).
 */
txtEntry: string | null, 
/**
 * Logins can use it now (Microsoft verified it).
 */
usable: boolean, };

export type RenewalReview = { settings: RenewalSettings, 
/**
 * In plain words, in the user's language.
 */
consequence: string, 
/**
 * Exactly what will be sent.
 */
requests: Array<PlannedRequest>, };

export type TerminationReview = { consequence: string, request: PlannedRequest, };

export type AttestationStep = { link: string, demo: boolean, };

export type TerminationStep = { message: string, demoToken: string | null, };

export type ReminderKind = "renewalSoon" | "commitmentEnds" | "freeSeatsLow" | "orderDelivered" | "orderCancelled" | "changeFailed" | "agreementUnsigned";

export type Reminder = { id: number, kind: ReminderKind, groupId: number | null, title: string, body: string, 
/**
 * The day it is about, if it is about one (`YYYY-MM-DD`).
 */
dueOn: string | null, createdAt: string, 
/**
 * Shown as an OS notification.
 */
notified: boolean, };

export type ReminderSettings = { 
/**
 * Send OS notifications (the list in the window is always there).
 */
notify: boolean, 
/**
 * How many days before a renewal or a commitment's end.
 */
daysBefore: number, };

export type OfferRules = { licenceType: LicenceType, 
/**
 * Microsoft's product names, the same in every language.
 */
apps: Array<string>, 
/**
 * Most licences one group may hold, those on order included (`None`: no limit).
 */
maxLicences: number | null, };

export type RegionRules = { 
/**
 * `ovh-eu`, `ovh-ca`, `ovh-us`.
 */
name: string, baseUrl: string, 
/**
 * Where its application keys are created.
 */
createAppUrl: string, };

export type Links = { 
/**
 * Where users install Office.
 */
microsoft365Portal: string, 
/**
 * Where OVHcloud explains Microsoft 365 apps on a remote desktop.
 */
remoteDesktopGuide: string, 
/**
 * Where a Microsoft 365 user really signs a device out.
 */
microsoftDevices: string, 
/**
 * Where a pay-as-you-go group is stopped (it has no termination route in the API):
 * OVHcloud's control panel, billing and renewals.
 */
paygTermination: string, 
/**
 * OVHcloud's guides to Microsoft 365, which explain adding a domain's TXT record.
 */
domainVerification: string, };

export type Rules = { offers: Array<OfferRules>, 
/**
 * Installs allowed per user and per kind of device.
 */
maxInstallsPerKind: number, loginMin: number, loginMax: number, 
/**
 * Most characters of a name (user, group, account, device).
 */
nameMax: number, passwordMin: number, passwordMax: number, passwordSpecials: string, regions: Array<RegionRules>, 
/**
 * The endpoint of the demo account.
 */
demoEndpoint: string, links: Links, 
/**
 * ISO 3166-1 alpha-2 country codes (the signatory's country, a usage location).
 */
countries: Array<string>, 
/**
 * The languages OVHcloud offers the signatory of a Microsoft Customer Agreement.
 */
signatoryLanguages: Array<string>, 
/**
 * Why a licence is terminated, and what replaces it: OVHcloud's lists, in order.
 */
terminationReasons: Array<TerminationReason>, terminationFutureUses: Array<TerminationFutureUse>, 
/**
 * Longest comment sent with a termination.
 */
terminationCommentaryMax: number, 
/**
 * How many days before a renewal or a commitment's end reminders come, by default.
 */
reminderDaysDefault: number, reminderDaysMax: number, 
/**
 * The most a group's free-licences threshold may be.
 */
freeSeatsAlertMax: number, };

export type BackupKind = "manual" | "automatic" | "beforeRestore";

export type BackupManifest = { appVersion: string, schemaVersion: number, 
/**
 * RFC 3339, UTC.
 */
createdAt: string, kind: BackupKind, };

export type BackupInfo = { path: string, manifest: BackupManifest, accounts: number, groups: number, licences: number, installs: number, };

export type BackupFailure = { 
/**
 * RFC 3339, UTC.
 */
at: string, detail: string, };

export type RestoreReport = { backup: BackupInfo, 
/**
 * Where the database it replaced was kept.
 */
keptAside: string, 
/**
 * The accounts whose keys must be given again (secrets are never in a backup).
 */
accountsNeedingKeys: Array<string>, };

export type Locations = { 
/**
 * This version of Seatkeeper.
 */
appVersion: string, database: string, dataDir: string, logDir: string | null, backupsDir: string, 
/**
 * The newest automatic backup.
 */
lastAutomaticBackup: string | null, 
/**
 * The automatic backup that failed last (in the window or a scheduled sync), until
 * one succeeds again.
 */
automaticBackupFailure: BackupFailure | null, };

export type Folder = "data" | "logs" | "backups";

export type UpdateOffer = { version: string, currentVersion: string, 
/**
 * The release notes, as published.
 */
notes: string | null, date: string | null, };

export type ChosenImport = { fileName: string, bytes: Array<number>, preview: ImportPreview, };

/** The app's commands (`src-tauri/commands/names.rs`). */
export type CommandName = 'get_app_status' | 'start_window' | 'set_language' | 'list_groups' | 'get_group_overview' | 'refresh_group' | 'rename_group' | 'list_licences' | 'list_history' | 'load_sample_data' | 'remove_sample_data' | 'open_external' | 'report_first_paint' | 'get_usage' | 'get_licence' | 'activate_licence' | 'add_user' | 'edit_account' | 'check_password' | 'change_password' | 'free_licences' | 'export_licences' | 'choose_import_file' | 'import_users' | 'list_installs' | 'add_install' | 'sign_out_install' | 'list_accounts' | 'get_catalog' | 'quote_order' | 'place_order' | 'list_open_orders' | 'list_pending_changes' | 'undo_change' | 'retry_change' | 'dismiss_change' | 'set_password_again' | 'connect_account' | 'connect_demo' | 'disconnect_account' | 'sync_now' | 'get_sync_status' | 'pay_demo_order' | 'signatory_defaults' | 'create_attestation' | 'open_attestation' | 'demo_sign_attestation' | 'accept_agreement' | 'review_renewal' | 'set_renewal' | 'request_termination' | 'review_termination' | 'confirm_termination' | 'list_reminders' | 'dismiss_reminder' | 'get_reminder_settings' | 'set_reminder_settings' | 'set_free_seats_alert' | 'set_display' | 'get_keychain_info' | 'get_locations' | 'open_folder' | 'get_diagnostics' | 'back_up_now' | 'choose_backup' | 'restore_backup' | 'get_backup_failure' | 'accounts_needing_keys' | 'give_account_keys' | 'check_for_update' | 'install_update' | 'restart_app';

/** The rules the window shows, from Rust (`src-tauri/rules.rs`). */
export const RULES: Rules = {
  "offers": [
    {
      "licenceType": "officeBusiness",
      "apps": [
        "Excel",
        "Word",
        "PowerPoint",
        "Outlook",
        "OneNote",
        "Publisher"
      ],
      "maxLicences": 300
    },
    {
      "licenceType": "officeProPlus",
      "apps": [
        "Excel",
        "Word",
        "PowerPoint",
        "Outlook",
        "OneNote",
        "Publisher",
        "Access"
      ],
      "maxLicences": null
    }
  ],
  "maxInstallsPerKind": 5,
  "loginMin": 3,
  "loginMax": 20,
  "nameMax": 255,
  "passwordMin": 8,
  "passwordMax": 16,
  "passwordSpecials": "~!@#$%^&*_-+=|\\(){}[]:;'<>,.?",
  "regions": [
    {
      "name": "ovh-eu",
      "baseUrl": "https://eu.api.ovh.com/1.0",
      "createAppUrl": "https://eu.api.ovh.com/createApp/"
    },
    {
      "name": "ovh-ca",
      "baseUrl": "https://ca.api.ovh.com/1.0",
      "createAppUrl": "https://ca.api.ovh.com/createApp/"
    },
    {
      "name": "ovh-us",
      "baseUrl": "https://api.us.ovhcloud.com/1.0",
      "createAppUrl": "https://api.us.ovhcloud.com/createApp/"
    }
  ],
  "demoEndpoint": "demo",
  "links": {
    "microsoft365Portal": "https://portal.office.com/",
    "remoteDesktopGuide": "https://docs.ovh.com/fr/microsoft-collaborative-solutions/office365-proplus-bureau-a-distance/",
    "microsoftDevices": "https://account.microsoft.com/devices",
    "paygTermination": "https://www.ovh.com/manager/#/dedicated/billing/autorenew",
    "domainVerification": "https://help.ovhcloud.com/csm/fr-documentation-web-cloud-microsoft-collaborative-solutions"
  },
  "countries": [
    "AD",
    "AE",
    "AF",
    "AG",
    "AI",
    "AL",
    "AM",
    "AO",
    "AQ",
    "AR",
    "AS",
    "AT",
    "AU",
    "AW",
    "AX",
    "AZ",
    "BA",
    "BB",
    "BD",
    "BE",
    "BF",
    "BG",
    "BH",
    "BI",
    "BJ",
    "BL",
    "BM",
    "BN",
    "BO",
    "BQ",
    "BR",
    "BS",
    "BT",
    "BV",
    "BW",
    "BY",
    "BZ",
    "CA",
    "CC",
    "CD",
    "CF",
    "CG",
    "CH",
    "CI",
    "CK",
    "CL",
    "CM",
    "CN",
    "CO",
    "CR",
    "CU",
    "CV",
    "CW",
    "CX",
    "CY",
    "CZ",
    "DE",
    "DJ",
    "DK",
    "DM",
    "DO",
    "DZ",
    "EC",
    "EE",
    "EG",
    "EH",
    "ER",
    "ES",
    "ET",
    "FI",
    "FJ",
    "FK",
    "FM",
    "FO",
    "FR",
    "GA",
    "GB",
    "GD",
    "GE",
    "GF",
    "GG",
    "GH",
    "GI",
    "GL",
    "GM",
    "GN",
    "GP",
    "GQ",
    "GR",
    "GS",
    "GT",
    "GU",
    "GW",
    "GY",
    "HK",
    "HM",
    "HN",
    "HR",
    "HT",
    "HU",
    "ID",
    "IE",
    "IL",
    "IM",
    "IN",
    "IO",
    "IQ",
    "IR",
    "IS",
    "IT",
    "JE",
    "JM",
    "JO",
    "JP",
    "KE",
    "KG",
    "KH",
    "KI",
    "KM",
    "KN",
    "KP",
    "KR",
    "KW",
    "KY",
    "KZ",
    "LA",
    "LB",
    "LC",
    "LI",
    "LK",
    "LR",
    "LS",
    "LT",
    "LU",
    "LV",
    "LY",
    "MA",
    "MC",
    "MD",
    "ME",
    "MF",
    "MG",
    "MH",
    "MK",
    "ML",
    "MM",
    "MN",
    "MO",
    "MP",
    "MQ",
    "MR",
    "MS",
    "MT",
    "MU",
    "MV",
    "MW",
    "MX",
    "MY",
    "MZ",
    "NA",
    "NC",
    "NE",
    "NF",
    "NG",
    "NI",
    "NL",
    "NO",
    "NP",
    "NR",
    "NU",
    "NZ",
    "OM",
    "PA",
    "PE",
    "PF",
    "PG",
    "PH",
    "PK",
    "PL",
    "PM",
    "PN",
    "PR",
    "PS",
    "PT",
    "PW",
    "PY",
    "QA",
    "RE",
    "RO",
    "RS",
    "RU",
    "RW",
    "SA",
    "SB",
    "SC",
    "SD",
    "SE",
    "SG",
    "SH",
    "SI",
    "SJ",
    "SK",
    "SL",
    "SM",
    "SN",
    "SO",
    "SR",
    "SS",
    "ST",
    "SV",
    "SX",
    "SY",
    "SZ",
    "TC",
    "TD",
    "TF",
    "TG",
    "TH",
    "TJ",
    "TK",
    "TL",
    "TM",
    "TN",
    "TO",
    "TR",
    "TT",
    "TV",
    "TW",
    "TZ",
    "UA",
    "UG",
    "UM",
    "US",
    "UY",
    "UZ",
    "VA",
    "VC",
    "VE",
    "VG",
    "VI",
    "VN",
    "VU",
    "WF",
    "WS",
    "YE",
    "YT",
    "ZA",
    "ZM",
    "ZW"
  ],
  "signatoryLanguages": [
    "cs_CZ",
    "de_DE",
    "en_AU",
    "en_CA",
    "en_GB",
    "en_IE",
    "en_US",
    "es_ES",
    "fi_FI",
    "fr_CA",
    "fr_FR",
    "fr_MA",
    "fr_SN",
    "fr_TN",
    "it_IT",
    "lt_LT",
    "nl_NL",
    "pl_PL",
    "pt_PT"
  ],
  "terminationReasons": [
    "NOT_NEEDED_ANYMORE",
    "TOO_EXPENSIVE",
    "FEATURES_DONT_SUIT_ME",
    "MIGRATED_TO_ANOTHER_OVH_PRODUCT",
    "MIGRATED_TO_COMPETITOR",
    "LACK_OF_PERFORMANCES",
    "NOT_RELIABLE",
    "TOO_HARD_TO_USE",
    "PRODUCT_DIMENSION_DONT_SUIT_ME",
    "PRODUCT_TOOLS_DONT_SUIT_ME",
    "NOT_ENOUGH_RECOGNITION",
    "NO_ANSWER",
    "UNSATIFIED_BY_CUSTOMER_SUPPORT",
    "OTHER"
  ],
  "terminationFutureUses": [
    "NOT_REPLACING_SERVICE",
    "SUBSCRIBE_AN_OTHER_SERVICE",
    "SUBSCRIBE_SIMILAR_SERVICE_WITH_COMPETITOR",
    "SUBSCRIBE_OTHER_KIND_OF_SERVICE_WITH_COMPETITOR",
    "OTHER"
  ],
  "terminationCommentaryMax": 1000,
  "reminderDaysDefault": 14,
  "reminderDaysMax": 90,
  "freeSeatsAlertMax": 300
};
