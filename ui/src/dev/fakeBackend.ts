// An in-memory stand-in for the Rust side, to look at the screens in a plain browser
// (a build made with VITE_FAKE_BACKEND=1). Never part of a normal build.
// Only reads: changes other than a rename answer with an error.
// ?scenario=welcome (empty database) | tooNew (database from a newer version) | big
// (10,000 licences); ?lang=fr stands for a French system.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, GroupSummary, HistoryEntry, IpcError, Lang, LicenceRow, Preferences } from '../lib/bindings';
import type { HistoryFilter, UsagePoint, UserInstalls } from '../lib/bindings';
import { CATALOG, historyOf, makeLicences, overviewOf, PAYG, PREPAID } from './fixtures';

type Db = {
  groups: GroupSummary[];
  licences: Map<number, LicenceRow[]>;
  history: Map<number, HistoryEntry[]>;
  chosen: Lang | null;
};

export function createFakeBackend(scenario: string, systemTag?: string) {
  const db: Db = { groups: [], licences: new Map(), history: new Map(), chosen: null };
  const lang = (): Lang => db.chosen ?? ((systemTag ?? 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');
  const fail = (error: IpcError): never => {
    throw error;
  };

  function loadSample(): void {
    db.groups = [structuredClone(PREPAID), structuredClone(PAYG)];
    const big = scenario === 'big';
    db.licences.set(PREPAID.id, makeLicences(30, { empty: 8 }));
    db.licences.set(
      PAYG.id,
      makeLicences(big ? 10_000 : 12, { licenceType: 'officeProPlus', domain: PAYG.serviceName }),
    );
    if (big) {
      const payg = db.groups[1];
      if (payg) payg.licencesUsed = payg.licencesTotal = 10_000;
    }
    for (const group of db.groups) db.history.set(group.id, historyOf(group));
  }
  if (scenario !== 'welcome' && scenario !== 'tooNew') loadSample();

  function group(groupId: unknown): GroupSummary {
    const found = db.groups.find((g) => g.id === groupId);
    return (
      found ??
      fail({ code: 'notFound', message: lang() === 'fr' ? 'Ce groupe n’existe plus.' : 'This group no longer exists.' })
    );
  }

  return (cmd: string, args?: unknown): unknown => {
    const a = (args ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case 'get_preferences':
        systemTag = String(a.systemLanguage ?? systemTag);
        return { language: lang(), chosenLanguage: db.chosen } satisfies Preferences;
      case 'set_language':
        db.chosen = (a.language as Lang | null) ?? null;
        return { language: lang(), chosenLanguage: db.chosen } satisfies Preferences;
      case 'get_app_status':
        if (scenario === 'tooNew') {
          return fail({
            code: 'databaseTooNew',
            message:
              lang() === 'fr'
                ? 'La base de données est au schéma 7 ; cette version de Seatkeeper en gère au plus 2.'
                : 'The database is at schema 7; this version of Seatkeeper handles up to 2.',
          });
        }
        return {
          accounts: 0,
          hasSampleData: db.groups.some((g) => g.isSample),
          groups: db.groups.length,
          databasePath: '/home/me/.local/share/app.seatkeeper.desktop/seatkeeper.db',
          schemaVersion: 2,
          migrationBackup: null,
        } satisfies AppStatus;
      case 'list_groups':
        return db.groups;
      case 'get_group_overview':
        return overviewOf(group(a.groupId));
      case 'rename_group': {
        const g = group(a.groupId);
        const name = String(a.name ?? '').trim();
        if (!name) {
          return fail({
            code: 'invalidInput',
            rule: 'name.empty',
            field: 'displayName',
            message: lang() === 'fr' ? 'Le champ « nom du groupe » est obligatoire.' : 'The group name is required.',
          });
        }
        if (name !== g.displayName) {
          db.history.get(g.id)?.unshift({
            id: Date.now(),
            at: new Date().toISOString(),
            origin: 'user',
            kind: 'groupRenamed',
            licenceId: null,
            details: { from: g.displayName, to: name },
          });
          g.displayName = name;
          g.pendingChanges += 1;
        }
        return g;
      }
      case 'list_licences':
        return db.licences.get(group(a.groupId).id) ?? [];
      case 'list_history': {
        const filter = (a.filter ?? { licenceId: null, kind: null }) as HistoryFilter;
        return (db.history.get(group(a.groupId).id) ?? []).filter(
          (e) =>
            (filter.licenceId === null || e.licenceId === filter.licenceId) &&
            (filter.kind === null || e.kind === filter.kind),
        );
      }
      case 'list_installs':
        return (db.licences.get(group(a.groupId).id) ?? [])
          .filter((l) => !l.isEmptySlot)
          .map((l): UserInstalls => ({
            licenceId: l.id,
            firstName: l.firstName,
            lastName: l.lastName,
            activationEmail: l.activationEmail,
            counts: l.installs,
            devices: [],
          }));
      case 'get_usage': {
        const g = group(a.groupId);
        const points: UsagePoint[] = [];
        for (let d = 1; d <= 23; d++) {
          const day = `2026-11-${String(d).padStart(2, '0')}`;
          points.push({
            day,
            licenceType: g.offer,
            endOfDay: g.licencesUsed - Math.floor((23 - d) / 6),
            peak: g.licencesUsed,
          });
        }
        return { from: '2026-11-01', to: '2026-11-23', points };
      }
      case 'list_pending_changes':
      case 'list_open_orders':
        return [];
      case 'list_accounts':
        return [{ id: 1, label: 'Sample data', endpoint: 'ovh-eu', isSample: true }];
      case 'get_catalog':
        return CATALOG;
      case 'load_sample_data':
        if (db.groups.length) return fail({ code: 'precondition', message: 'The sample data is already loaded.' });
        loadSample();
        return { groups: 2, licences: 42, installs: 60 };
      case 'remove_sample_data':
        db.groups = db.groups.filter((g) => !g.isSample);
        return null;
      case 'open_external':
        return null;
      case 'get_sync_status':
        return { running: false, progress: null, online: null, lastSyncAt: null, lastError: null, accounts: 0 };
      case 'sync_now':
        return null;
      case 'report_first_paint':
        return null;
      default:
        return fail({ code: 'internal', message: `Unknown command ${cmd}` });
    }
  };
}

export function installFakeBackend(): void {
  const params = new URLSearchParams(location.search);
  const system = params.get('lang');
  if (system) Object.defineProperty(navigator, 'language', { value: system, configurable: true });
  const backend = createFakeBackend(params.get('scenario') ?? 'sample', system ?? navigator.language);
  // Like real IPC, every answer is a fresh copy (JSON), never the fake's own objects.
  mockIPC((cmd, args) => {
    const answer = backend(cmd, args);
    return answer === undefined ? null : (JSON.parse(JSON.stringify(answer)) as unknown);
  });
}
