// Data shaped like Rust's answers, for the component tests. Mirrors the
// sample data Rust loads (src-tauri/store/sample.rs), smaller.
import { maxLicences } from '../lib/offers';
import type {
  CatalogEntry,
  GroupOverview,
  GroupSummary,
  HistoryEntry,
  Install,
  LicenceRow,
  LicenceType,
  PendingChange,
  UserInstalls,
} from '../lib/bindings';

export const PREPAID: GroupSummary = {
  id: 1,
  accountId: 1,
  accountLabel: 'Sample data',
  serviceName: 'office4417.o365.ovh.com',
  displayName: 'Boulangerie Lefèvre',
  family: 'prepaid',
  offer: 'officeBusiness',
  status: 'ok',
  licencesUsed: 22,
  licencesTotal: 30,
  nextPaymentOn: '2026-12-01',
  isSample: true,
  pendingChanges: 0,
  syncError: null,
  syncErrorSince: null,
  mcaAgreed: true,
};

export const PAYG: GroupSummary = {
  id: 2,
  accountId: 1,
  accountLabel: 'Sample data',
  serviceName: 'office7421.o365.ovh.com',
  displayName: 'Cabinet Martin & Associés',
  family: 'payAsYouGo',
  offer: 'officeProPlus',
  status: 'ok',
  licencesUsed: 12,
  licencesTotal: 12,
  nextPaymentOn: null,
  isSample: true,
  pendingChanges: 2,
  syncError: null,
  syncErrorSince: null,
  mcaAgreed: true,
};

export function overviewOf(group: GroupSummary): GroupOverview {
  const prepaid = group.family === 'prepaid';
  const price = prepaid ? 1_030_000_000 : 1_240_000_000;
  const billed = prepaid ? group.licencesTotal : group.licencesUsed;
  return {
    group,
    domain: group.serviceName,
    createdOn: prepaid ? '2025-09-30' : '2024-12-24',
    renewalPeriod: 'P1M',
    mcaAgreed: true,
    byType: [
      {
        licenceType: group.offer,
        total: group.licencesTotal,
        assigned: group.licencesUsed,
        free: group.licencesTotal - group.licencesUsed,
        pricePerMonth: { ucents: price, currency: 'EUR' },
      },
    ],
    monthlyCost: { ucents: price * billed, currency: 'EUR' },
    unconfiguredSlots: group.licencesTotal - group.licencesUsed,
    usersWithoutInstall: prepaid ? 5 : 3,
    ordersInProgress: prepaid
      ? [
          {
            id: 7,
            licenceType: 'officeBusiness',
            quantity: 5,
            state: 'awaitingPayment',
            paymentUrl: 'https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=212834177',
            createdAt: '2026-11-22T09:30:00Z',
          },
        ]
      : [],
    syncedAt: '2026-11-23T08:00:00Z',
    // What Rust works out from the cap it owns (RULES) and the orders in progress.
    capacity: (['officeBusiness', 'officeProPlus'] as const).map((licenceType) => {
      const held = licenceType === group.offer ? group.licencesTotal : 0;
      const onOrder = prepaid && licenceType === 'officeBusiness' ? 5 : 0;
      const max = maxLicences(licenceType);
      return { licenceType, held, onOrder, max, room: max === null ? null : Math.max(0, max - held - onOrder) };
    }),
    renewal: {
      mode: 'automatic',
      periodMonths: 1,
      possiblePeriods: prepaid ? [1, 12] : [1],
      expiresOn: '2026-12-30',
      engagedUpTo: null,
      canStopAtExpiration: true,
    },
    renewalPending: false,
    attestationLink: null,
    agreementPending: false,
    domains: prepaid
      ? []
      : [
          { name: group.serviceName, status: 'ok', txtEntry: null, usable: true },
          { name: 'martin-associes.fr', status: 'unverified', txtEntry: 'MS=ms46521239', usable: false },
        ],
    freeSeatsAlert: null,
    isDemo: false,
    staleParts: [],
  };
}

const FIRST = ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Jules', 'Inès', 'Gabriel', 'Zoé', 'Éric'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Lefèvre', 'Moreau', 'Simon', 'Laurent', "N'Diaye", "O'Neill"];

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/gi, '')
    .toLowerCase();
}

/** `count` licences, the last `empty` of them unconfigured slots. */
export function makeLicences(
  count: number,
  options: { empty?: number; licenceType?: LicenceType; domain?: string } = {},
): LicenceRow[] {
  const { empty = 0, licenceType = 'officeBusiness', domain = 'office4417.o365.ovh.com' } = options;
  const rows: LicenceRow[] = [];
  for (let n = 0; n < count; n++) {
    const id = n + 1;
    if (n >= count - empty) {
      rows.push({
        id,
        remoteId: `${domain}-${2200 + id}`,
        licenceType,
        state: 'ok',
        isEmptySlot: true,
        firstName: null,
        lastName: null,
        login: null,
        activationEmail: `${2200 + id}@${domain}`,
        usageLocation: 'FR',
        installs: { computers: 0, tablets: 0, phones: 0 },
        hasPendingChange: false,
        blocked: 'noUser',
        canActivate: true,
      });
      continue;
    }
    const firstName = FIRST[n % FIRST.length] ?? 'Camille';
    const lastName = LAST[(n * 7) % LAST.length] ?? 'Martin';
    const login = `${ascii(firstName)}.${ascii(lastName)}${n >= FIRST.length ? n : ''}`;
    rows.push({
      id,
      remoteId: `${domain}-${2200 + id}`,
      licenceType,
      state: n === 3 ? 'creating' : n === 5 ? 'suspended' : 'ok',
      isEmptySlot: false,
      firstName,
      lastName,
      login,
      activationEmail: `${login}@${domain}`,
      usageLocation: 'FR',
      installs: { computers: n % 6 === 5 ? 0 : 1 + (n % 3), tablets: n % 3 === 0 ? 1 : 0, phones: n % 6 === 5 ? 0 : 1 },
      hasPendingChange: n === 3,
      blocked: null,
      canActivate: false,
    });
  }
  return rows;
}

export function historyOf(group: GroupSummary): HistoryEntry[] {
  return [
    {
      id: 4,
      at: '2026-11-22T09:30:00Z',
      origin: 'sample',
      kind: 'orderPlaced',
      licenceId: null,
      details: { licenceType: group.offer, quantity: 5 },
    },
    {
      id: 3,
      at: '2026-11-21T14:05:00Z',
      origin: 'sync',
      kind: 'licenceActivated',
      licenceId: 1,
      details: { firstName: 'Camille', lastName: 'Martin', activationEmail: `camille.martin@${group.serviceName}` },
    },
    {
      id: 2,
      at: '2026-11-20T10:00:00Z',
      origin: 'sample',
      kind: 'licenceSuspended',
      licenceId: 6,
      details: {},
    },
    {
      id: 1,
      at: '2026-11-01T08:00:00Z',
      origin: 'sample',
      kind: 'groupCreated',
      licenceId: null,
      details: { displayName: group.displayName },
    },
  ];
}

/** The sample account's catalog: per licence per month, monthly and yearly renewal. */
export const CATALOG: CatalogEntry[] = [
  {
    planCode: 'microsoft-365-apps-for-business-pp-nce',
    licenceType: 'officeBusiness',
    renewalPeriod: 'P1M',
    pricePerMonth: { ucents: 1_030_000_000, currency: 'EUR' },
  },
  {
    planCode: 'microsoft-365-apps-for-business-pp-nce',
    licenceType: 'officeBusiness',
    renewalPeriod: 'P1Y',
    pricePerMonth: { ucents: 990_000_000, currency: 'EUR' },
  },
  {
    planCode: 'microsoft-365-apps-for-enterprise-pp-nce',
    licenceType: 'officeProPlus',
    renewalPeriod: 'P1M',
    pricePerMonth: { ucents: 1_240_000_000, currency: 'EUR' },
  },
  {
    planCode: 'microsoft-365-apps-for-enterprise-pp-nce',
    licenceType: 'officeProPlus',
    renewalPeriod: 'P1Y',
    pricePerMonth: { ucents: 1_190_000_000, currency: 'EUR' },
  },
];

/** A queued activation of a prepaid slot, with what it will send. */
export function pendingActivation(id: number, name = 'Zoé Arnaud', canUndo = true): PendingChange {
  const login = name.toLowerCase().replace(/\s+/g, '.').normalize('NFD').replace(/\p{M}/gu, '');
  return {
    id,
    kind: 'activate',
    state: 'queued',
    groupId: 1,
    groupName: 'Boulangerie Lefèvre',
    licenceId: 23,
    licenceLabel: name,
    attempts: 0,
    lastError: null,
    parkedReason: null,
    createdAt: '2026-11-23T10:00:00Z',
    updatedAt: '2026-11-23T10:00:00Z',
    canUndo,
    canRetry: false,
    canDismiss: false,
    preview: [
      {
        method: 'PUT',
        path: '/license/officePrepaid/office4417.o365.ovh.com-2223',
        body: JSON.stringify({
          activationEmail: `${login}@office4417.o365.ovh.com`,
          firstName: name.split(' ')[0],
          lastName: name.split(' ')[1],
          usageLocation: 'fr',
        }),
      },
    ],
  };
}

/** A licence user and their devices: `computers` computers, one phone. */
export function userInstalls(licenceId: number, firstName: string, lastName: string, computers: number): UserInstalls {
  const devices: Install[] = [];
  for (let n = 0; n < computers; n++) {
    devices.push({
      id: licenceId * 100 + n,
      licenceId,
      kind: 'computer',
      deviceName: `PC ${n + 1} (${firstName})`,
      installedOn: '2026-03-01',
      signedOutOn: null,
    });
  }
  devices.push({
    id: licenceId * 100 + 50,
    licenceId,
    kind: 'phone',
    deviceName: `iPhone (${firstName})`,
    installedOn: '2026-04-01',
    signedOutOn: null,
  });
  return {
    licenceId,
    firstName,
    lastName,
    activationEmail: `${firstName}.${lastName}@office4417.o365.ovh.com`.toLowerCase(),
    counts: { computers, tablets: 0, phones: 1 },
    devices,
  };
}
