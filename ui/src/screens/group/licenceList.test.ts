// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeLicences } from '../../test/fixtures';
import type { LicenceRow, LicenceType } from '../../lib/bindings';
import {
  canFree,
  fold,
  isFiltered,
  LicenceList,
  searchWords,
  stateKey,
  typesOffered,
  type LicenceFilter,
  type Sort,
  type SortColumn,
  type SortContext,
  type StateKey,
} from './licenceList';

const LABELS: Record<string, string> = {
  officeBusiness: 'Apps for business',
  officeProPlus: 'Apps for enterprise',
  virtual: 'Not configured',
  ok: 'Active',
  creating: 'Creating…',
  deleting: 'Deleting…',
  suspended: 'Suspended',
};

function context(lang = 'en'): SortContext {
  return {
    collator: new Intl.Collator(lang, { sensitivity: 'base', numeric: true }),
    typeLabel: (type) => LABELS[type] ?? type,
    stateLabel: (row) => (row.isEmptySlot ? LABELS.virtual! : (LABELS[row.state] ?? row.state)),
  };
}

const ALL: LicenceFilter = { query: '', state: 'all', type: 'all' };
const COLUMNS: readonly SortColumn[] = ['firstName', 'lastName', 'email', 'type', 'state', 'installs', 'pending'];
const DIRECTIONS = ['ascending', 'descending'] as const;

function row(id: number, fields: Partial<LicenceRow> = {}): LicenceRow {
  return {
    id,
    remoteId: `r-${id}`,
    licenceType: 'officeBusiness',
    state: 'ok',
    isEmptySlot: false,
    firstName: null,
    lastName: null,
    login: null,
    activationEmail: null,
    usageLocation: 'FR',
    installs: { computers: 0, tablets: 0, phones: 0 },
    hasPendingChange: false,
    blocked: fields.isEmptySlot ? 'noUser' : null,
    canActivate: fields.isEmptySlot ?? false,
    ...fields,
  };
}

function shown(list: LicenceList, filter: Partial<LicenceFilter> = {}, sort: Sort = null, ctx = context()): number[] {
  return list.filter(list.order(sort, ctx), { ...ALL, ...filter }).map((r) => r.id);
}

/** The list's behaviour as first written in the component, to compare with. */
function reference(rows: LicenceRow[], filter: LicenceFilter, sort: Sort, ctx: SortContext): number[] {
  const text: Partial<Record<SortColumn, (r: LicenceRow) => string | null>> = {
    firstName: (r) => r.firstName,
    lastName: (r) => r.lastName,
    email: (r) => r.activationEmail,
  };
  const compare = (a: LicenceRow, b: LicenceRow, column: SortColumn): number => {
    const byText = (x: string | null, y: string | null) => {
      if (!x && !y) return 0;
      if (!x) return 1;
      if (!y) return -1;
      return ctx.collator.compare(x, y);
    };
    switch (column) {
      case 'firstName':
        return byText(a.firstName, b.firstName);
      case 'lastName':
        return byText(a.lastName, b.lastName);
      case 'email':
        return byText(a.activationEmail, b.activationEmail);
      case 'type':
        return ctx.collator.compare(ctx.typeLabel(a.licenceType), ctx.typeLabel(b.licenceType));
      case 'state':
        return ctx.collator.compare(ctx.stateLabel(a), ctx.stateLabel(b));
      case 'installs': {
        const total = (r: LicenceRow) => r.installs.computers + r.installs.tablets + r.installs.phones;
        return total(a) - total(b);
      }
      case 'pending':
        return Number(a.hasPendingChange) - Number(b.hasPendingChange);
    }
  };
  let sorted = rows;
  if (sort) {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    const value = text[sort.column];
    sorted = [...rows].sort((a, b) => {
      if (value && !value(a) !== !value(b)) return value(a) ? -1 : 1;
      return sign * compare(a, b, sort.column) || a.id - b.id;
    });
  }
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return sorted
    .filter((r) => {
      const haystack = fold([r.firstName, r.lastName, r.activationEmail, r.login].filter(Boolean).join(' '));
      return (
        (filter.state === 'all' || stateKey(r) === filter.state) &&
        (filter.type === 'all' || r.licenceType === filter.type) &&
        words.every((w) => haystack.includes(w))
      );
    })
    .map((r) => r.id);
}

describe('licence search', () => {
  const rows = [
    row(1, { firstName: 'Hélène', lastName: 'Lefèvre', login: 'helene.lefevre', activationEmail: 'hl@acme.fr' }),
    row(2, { firstName: 'Louis', lastName: 'Martin', login: 'lmartin', activationEmail: 'louis@acme.fr' }),
    row(3, { isEmptySlot: true, activationEmail: '2203@office.example' }),
    row(4, { firstName: 'Zoé', lastName: 'Durand', login: 'zd', activationEmail: 'zoe.durand@other.example' }),
  ];
  const list = new LicenceList(rows);

  it('folds case and accents, in the rows and in the query', () => {
    expect(fold('Hélène LEFÈVRE')).toBe('helene lefevre');
    expect(searchWords('  Lefèvre   HÉL ')).toEqual(['lefevre', 'hel']);
    expect(shown(list, { query: 'lefevre' })).toEqual([1]);
    expect(shown(list, { query: 'LEFÈVRE' })).toEqual([1]);
    expect(shown(list, { query: 'zoe' })).toEqual([4]);
  });

  it('finds by first name, last name, login and e-mail, every word anywhere', () => {
    expect(shown(list, { query: 'louis' })).toEqual([2]);
    expect(shown(list, { query: 'lmartin' })).toEqual([2]);
    expect(shown(list, { query: 'other.example' })).toEqual([4]);
    expect(shown(list, { query: '2203' })).toEqual([3]);
    expect(shown(list, { query: 'acme' })).toEqual([1, 2]);
    expect(shown(list, { query: 'acme martin' })).toEqual([2]);
    expect(shown(list, { query: 'martin acme' })).toEqual([2]);
    expect(shown(list, { query: 'acme nobody' })).toEqual([]);
    expect(shown(list, { query: '   ' })).toEqual([1, 2, 3, 4]);
  });

  it('narrows as letters are typed and widens again as they are erased', () => {
    const order = list.order(null, context());
    const typed = ['l', 'le', 'lef', 'lefe', 'lef', 'le', 'l', '', 'a', 'ac', 'acme', 'acme ', 'acme m', 'acme'];
    for (const query of typed) {
      expect(
        list.filter(order, { ...ALL, query }).map((r) => r.id),
        query,
      ).toEqual(reference(rows, { ...ALL, query }, null, context()));
    }
  });

  it('gives the same array when the result did not change, a new one when it did', () => {
    const fresh = new LicenceList(rows);
    const order = fresh.order(null, context());
    const a = fresh.filter(order, { ...ALL, query: 'acm' });
    expect(fresh.filter(order, { ...ALL, query: 'acme' })).toBe(a);
    expect(fresh.filter(order, { ...ALL, query: 'acme ' })).toBe(a);
    const b = fresh.filter(order, { ...ALL, query: 'acme lou' });
    expect(b).not.toBe(a);
    expect(b.map((r) => r.id)).toEqual([2]);
    expect(fresh.filter(order, { ...ALL, query: 'acme' }).map((r) => r.id)).toEqual([1, 2]);
  });

  it('says when anything is filtered', () => {
    expect(isFiltered(ALL)).toBe(false);
    expect(isFiltered({ ...ALL, query: '  ' })).toBe(false);
    expect(isFiltered({ ...ALL, query: 'a' })).toBe(true);
    expect(isFiltered({ ...ALL, state: 'virtual' })).toBe(true);
    expect(isFiltered({ ...ALL, type: 'officeProPlus' })).toBe(true);
  });
});

describe('licence filters', () => {
  const rows = [
    row(1, { state: 'ok', firstName: 'A' }),
    row(2, { state: 'creating', firstName: 'B', licenceType: 'officeProPlus' }),
    row(3, { state: 'deleting', firstName: 'C', blocked: 'busy' }),
    row(4, { state: 'suspended', firstName: 'D', licenceType: 'officeProPlus' }),
    row(5, { state: 'ok', isEmptySlot: true }),
    row(6, { state: 'somethingNew', firstName: 'F' }),
  ];
  const list = new LicenceList(rows);

  it('knows each row’s state, empty slots first', () => {
    expect(rows.map(stateKey)).toEqual(['ok', 'creating', 'deleting', 'suspended', 'virtual', 'unknown']);
  });

  it('frees only the licences Rust says can be freed now', () => {
    expect(rows.map(canFree)).toEqual([true, true, false, true, false, true]);
    expect(canFree(row(7, { firstName: 'G', blocked: 'changeInFlight' }))).toBe(false);
  });

  it('filters by state and by type, with the search too', () => {
    const byState = (state: StateKey) => shown(list, { state });
    expect(byState('virtual')).toEqual([5]);
    expect(byState('ok')).toEqual([1]);
    expect(byState('creating')).toEqual([2]);
    expect(byState('deleting')).toEqual([3]);
    expect(byState('suspended')).toEqual([4]);
    expect(byState('unknown')).toEqual([6]);
    expect(shown(list, { type: 'officeProPlus' })).toEqual([2, 4]);
    expect(shown(list, { type: 'officeBusiness' })).toEqual([1, 3, 5, 6]);
    expect(shown(list, { type: 'officeProPlus', state: 'suspended' })).toEqual([4]);
    expect(shown(list, { type: 'officeProPlus', query: 'b' })).toEqual([2]);
    expect(shown(list, { state: 'virtual', query: 'b' })).toEqual([]);
  });

  it('offers the types present and the group’s own', () => {
    expect(typesOffered(rows, 'officeBusiness')).toEqual(['officeBusiness', 'officeProPlus']);
    expect(typesOffered([row(1, { licenceType: 'officeProPlus' })], 'officeProPlus')).toEqual(['officeProPlus']);
    expect(typesOffered([row(1, { licenceType: 'officeProPlus' })], 'officeBusiness')).toEqual([
      'officeBusiness',
      'officeProPlus',
    ]);
    expect(typesOffered([], 'officeBusiness')).toEqual(['officeBusiness']);
  });
});

describe('licence sort', () => {
  const rows = [
    row(5, {
      firstName: 'émile',
      lastName: 'Bernard',
      activationEmail: 'b@x',
      installs: { computers: 2, tablets: 1, phones: 1 },
    }),
    row(2, { isEmptySlot: true, activationEmail: '2202@x' }),
    row(3, { firstName: 'Anne', lastName: 'bernard', activationEmail: 'a@x', hasPendingChange: true }),
    row(1, { firstName: 'Emile', lastName: 'Thomas', activationEmail: null, state: 'suspended' }),
    row(4, {
      firstName: '',
      lastName: 'Adam',
      activationEmail: 'c@x',
      licenceType: 'officeProPlus',
      state: 'creating',
    }),
    row(6, { isEmptySlot: true, activationEmail: 'file10@x' }),
    row(7, {
      firstName: 'Zoé',
      lastName: 'Dupont',
      activationEmail: 'file9@x',
      installs: { computers: 1, tablets: 0, phones: 0 },
    }),
  ];
  const list = new LicenceList(rows);
  const by = (column: SortColumn, direction: 'ascending' | 'descending' = 'ascending') =>
    shown(list, {}, { column, direction });

  it('keeps the load order without a sort', () => {
    expect(shown(list)).toEqual([5, 2, 3, 1, 4, 6, 7]);
  });

  it('sorts by text in the language’s order, ties by id, empty values last both ways', () => {
    // "émile" and "Emile" are equal to the collator: by id then.
    expect(by('firstName')).toEqual([3, 1, 5, 7, 2, 4, 6]);
    expect(by('firstName', 'descending')).toEqual([7, 1, 5, 3, 2, 4, 6]);
    expect(by('lastName')).toEqual([4, 3, 5, 7, 1, 2, 6]);
    expect(by('lastName', 'descending')).toEqual([1, 7, 3, 5, 4, 2, 6]);
    // Numbers inside text compare as numbers: file9 before file10.
    expect(by('email')).toEqual([2, 3, 5, 4, 7, 6, 1]);
    expect(by('email', 'descending')).toEqual([6, 7, 4, 5, 3, 2, 1]);
  });

  it('sorts by type and state labels, installs and pending changes', () => {
    expect(by('type')).toEqual([1, 2, 3, 5, 6, 7, 4]);
    expect(by('type', 'descending')).toEqual([4, 1, 2, 3, 5, 6, 7]);
    // Active, Creating…, Not configured, Suspended.
    expect(by('state')).toEqual([3, 5, 7, 4, 2, 6, 1]);
    expect(by('state', 'descending')).toEqual([1, 2, 6, 4, 3, 5, 7]);
    expect(by('installs')).toEqual([1, 2, 3, 4, 6, 7, 5]);
    expect(by('installs', 'descending')).toEqual([5, 7, 1, 2, 3, 4, 6]);
    expect(by('pending')).toEqual([1, 2, 4, 5, 6, 7, 3]);
    expect(by('pending', 'descending')).toEqual([3, 1, 2, 4, 5, 6, 7]);
  });

  it('agrees with the first implementation on these rows', () => {
    for (const column of COLUMNS) {
      for (const direction of DIRECTIONS) {
        expect(by(column, direction), `${column} ${direction}`).toEqual(
          reference(rows, ALL, { column, direction }, context()),
        );
      }
    }
  });

  it('filters within the sorted order', () => {
    expect(shown(list, { query: 'x' }, { column: 'lastName', direction: 'descending' })).toEqual([7, 3, 5, 4, 2, 6]);
    expect(shown(list, { query: 'emile' }, { column: 'lastName', direction: 'descending' })).toEqual([1, 5]);
    expect(shown(list, { state: 'virtual' }, { column: 'email', direction: 'descending' })).toEqual([6, 2]);
  });

  it('sorts once per sort and language, not at each search', () => {
    const ctx = context();
    const sort: Sort = { column: 'lastName', direction: 'ascending' };
    const order = list.order(sort, ctx);
    expect(list.order({ ...sort }, ctx)).toBe(order);
    expect(list.order(null, ctx)).toBe(list.order(null, context('fr')));
    const other = context('fr');
    expect(list.order(sort, other)).not.toBe(order);
    expect([...list.order(sort, other)]).toEqual([...order]);
  });

  it('follows the language’s labels', () => {
    const fr: SortContext = {
      ...context('fr'),
      stateLabel: (r) =>
        r.isEmptySlot
          ? 'Non configurée'
          : ({ ok: 'Active', creating: 'Création…', suspended: 'Suspendue' }[r.state] ?? r.state),
    };
    expect(shown(list, {}, { column: 'state', direction: 'ascending' }, fr)).toEqual([3, 5, 7, 4, 2, 6, 1]);
    const en = context();
    const frTypes: SortContext = { ...en, typeLabel: (t: LicenceType) => (t === 'officeProPlus' ? 'A' : 'B') };
    expect(shown(list, {}, { column: 'type', direction: 'ascending' }, frTypes)).toEqual([4, 1, 2, 3, 5, 6, 7]);
  });
});

describe('the list with 10,000 licences', () => {
  const rows = makeLicences(10_000, { empty: 100 });
  // Shuffled, so that the load order is not the id order.
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const list = new LicenceList(shuffled);
  const ctx = context();

  it('matches the first implementation for every sort, filter and typed search', () => {
    const sorts: Sort[] = [null];
    for (const column of COLUMNS) {
      sorts.push({ column, direction: 'ascending' }, { column, direction: 'descending' });
    }
    const filters: LicenceFilter[] = [
      ALL,
      { ...ALL, state: 'virtual' },
      { ...ALL, state: 'suspended' },
      { ...ALL, type: 'officeProPlus' },
    ];
    for (const sort of sorts) {
      for (const filter of filters) {
        expect(shown(list, filter, sort, ctx), JSON.stringify([sort, filter])).toEqual(
          reference(shuffled, filter, sort, ctx),
        );
      }
    }
    const order = list.order({ column: 'lastName', direction: 'descending' }, ctx);
    for (const query of [
      'l',
      'le',
      'lef',
      'lefe',
      'lefev',
      'lefevr',
      'lefevre',
      'lefevre c',
      'lefevre',
      'lef',
      'ma',
      '',
    ]) {
      const filter = { ...ALL, query };
      expect(
        list.filter(order, filter).map((r) => r.id),
        query,
      ).toEqual(reference(shuffled, filter, { column: 'lastName', direction: 'descending' }, ctx));
    }
  });

  it('keeps the empty slots last in every text sort', () => {
    for (const column of ['firstName', 'lastName'] as const) {
      for (const direction of DIRECTIONS) {
        const ids = shown(list, {}, { column, direction }, ctx);
        const slots = ids.slice(-100);
        expect(slots.every((id) => id > 9_900)).toBe(true);
        expect(slots).toEqual([...slots].sort((a, b) => a - b));
      }
    }
  });
});
