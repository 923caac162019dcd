// The licence list's search, filters and sort, apart from Svelte and the DOM.
//
// Built for 10,000 rows and a keystroke per frame:
// - what the search and the filters read (a folded search key, the state) is computed
//   once per load, in `LicenceList`'s constructor;
// - sorting depends only on the rows, the sort and the language: `order` gives a new
//   order only when one of those changes, and ranks each column's values once per
//   language, so that turning a sort around compares integers;
// - `filter` walks the sorted order (no sorting at a keystroke), into scratch buffers
//   kept between calls; a search that only narrows the last one (a letter typed at the
//   end) looks at the last matches only, and a result equal to the last one is the
//   last array itself, so nothing downstream is redone.
import type { LicenceRow, LicenceType } from '../../lib/bindings';

export type StateKey = 'virtual' | 'creating' | 'ok' | 'deleting' | 'suspended' | 'unknown';
export type SortColumn = 'firstName' | 'lastName' | 'email' | 'type' | 'state' | 'installs' | 'pending';
export type SortDirection = 'ascending' | 'descending';
export type Sort = { column: SortColumn; direction: SortDirection } | null;

/** What the table shows: a search (words, all of which must match) and two filters. */
export type LicenceFilter = { query: string; state: 'all' | StateKey; type: 'all' | LicenceType };

/** What sorting by text compares, in the user's language. */
export type SortContext = {
  collator: Intl.Collator;
  /** The type's label as shown in the table. */
  typeLabel: (type: LicenceType) => string;
  /** The state's label as shown in the table. */
  stateLabel: (row: LicenceRow) => string;
};

/** The state filter's choices, in the order offered. */
export const STATE_KEYS: readonly StateKey[] = ['virtual', 'creating', 'ok', 'deleting', 'suspended', 'unknown'];
const KNOWN_STATES: ReadonlySet<string> = new Set(['creating', 'ok', 'deleting', 'suspended']);
/** The licence types, in the order the type filter offers them. */
const TYPES: readonly LicenceType[] = ['officeBusiness', 'officeProPlus'];

/** Lower case without accents, so "lefevre" finds "Lefèvre". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The row's state as the state filter knows it (an empty slot is 'virtual'). */
export function stateKey(row: LicenceRow): StateKey {
  if (row.isEmptySlot) return 'virtual';
  return KNOWN_STATES.has(row.state) ? (row.state as StateKey) : 'unknown';
}

/** Whether the licence can be freed: it has a user, and is not being deleted already. */
export function canFree(row: LicenceRow): boolean {
  // Rust's rule (`blocked`): a user, not being deleted, no change of ours on its way.
  return row.blocked === null;
}

/** The search's words, folded: a row matches when its name, login or e-mail holds them all. */
export function searchWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Whether the filter hides anything (the count then says "N of M"). */
export function isFiltered(filter: LicenceFilter): boolean {
  return filter.query.trim() !== '' || filter.state !== 'all' || filter.type !== 'all';
}

/** The types the type filter offers: those present, and the group's own offer. */
export function typesOffered(rows: readonly LicenceRow[], offer: LicenceType): LicenceType[] {
  const present = new Set<LicenceType>([offer]);
  for (const row of rows) present.add(row.licenceType);
  return TYPES.filter((type) => present.has(type));
}

/** Columns sorted by text: rows without the value (empty slots) stay last both ways. */
const TEXT_COLUMNS: Partial<Record<SortColumn, (row: LicenceRow) => string | null>> = {
  firstName: (row) => row.firstName,
  lastName: (row) => row.lastName,
  email: (row) => row.activationEmail,
};

/** Sort keys of one column: a number per row, -1 for no value (text columns only). */
type Keys = Float64Array;

/** The rows of one load, indexed for the search, the filters and the sort. */
export class LicenceList {
  readonly rows: readonly LicenceRow[];
  /** Per row: its name, login and e-mail, folded, for the search. */
  readonly searchKeys: readonly string[];
  /** Per row: its state as the state filter knows it. */
  readonly states: readonly StateKey[];

  // The sort: keys per column, for the context they were ranked in.
  #keysContext: SortContext | null = null;
  #keys = new Map<SortColumn, Keys>();
  #identity: Int32Array | null = null;
  #orders = new Map<string, Int32Array>();

  // The last filter's result, and two buffers of row positions (the last matches, and
  // the next ones), allocated once.
  #last: {
    order: Int32Array;
    words: string[];
    state: LicenceFilter['state'];
    type: LicenceFilter['type'];
    count: number;
    rows: LicenceRow[];
  } | null = null;
  #matches: Int32Array;
  #spare: Int32Array;

  constructor(rows: readonly LicenceRow[]) {
    this.rows = rows;
    this.searchKeys = rows.map((row) =>
      fold([row.firstName, row.lastName, row.activationEmail, row.login].filter(Boolean).join(' ')),
    );
    this.states = rows.map(stateKey);
    this.#matches = new Int32Array(rows.length);
    this.#spare = new Int32Array(rows.length);
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * The rows' positions in `sort`'s order; the load's order when there is no sort. Ties
   * go by id (ascending both ways). The same array for the same sort and context.
   */
  order(sort: Sort, context: SortContext): Int32Array {
    if (!sort) return (this.#identity ??= Int32Array.from(this.rows, (_, i) => i));
    if (context !== this.#keysContext) {
      this.#keysContext = context;
      this.#keys.clear();
      this.#orders.clear();
    }
    const id = `${sort.column} ${sort.direction}`;
    let order = this.#orders.get(id);
    if (!order) {
      order = this.#sort(sort, context);
      this.#orders.set(id, order);
    }
    return order;
  }

  #sort({ column, direction }: NonNullable<Sort>, context: SortContext): Int32Array {
    let keys = this.#keys.get(column);
    if (!keys) {
      keys = this.#sortKeys(column, context);
      this.#keys.set(column, keys);
    }
    const k = keys;
    const rows = this.rows;
    const sign = direction === 'ascending' ? 1 : -1;
    const emptyLast = column in TEXT_COLUMNS;
    const order = Int32Array.from(rows, (_, i) => i);
    return order.sort((a, b) => {
      const ka = k[a]!;
      const kb = k[b]!;
      if (emptyLast && (ka < 0 || kb < 0) && ka !== kb) return ka < 0 ? 1 : -1;
      // Then by id, then as loaded (what a stable sort keeps).
      return sign * (ka - kb) || rows[a]!.id - rows[b]!.id || a - b;
    });
  }

  /** A number per row that orders as the column's values do. */
  #sortKeys(column: SortColumn, context: SortContext): Keys {
    const rows = this.rows;
    const text = TEXT_COLUMNS[column];
    if (text) return ranks(rows.map(text), context.collator);
    switch (column) {
      case 'type':
        return ranks(
          rows.map((row) => context.typeLabel(row.licenceType)),
          context.collator,
        );
      case 'state':
        return ranks(rows.map(context.stateLabel), context.collator);
      case 'installs':
        return Float64Array.from(rows, (r) => r.installs.computers + r.installs.tablets + r.installs.phones);
      case 'pending':
      default:
        return Float64Array.from(rows, (r) => Number(r.hasPendingChange));
    }
  }

  /**
   * The rows to show, in `order` (from `order()`), that pass the filter. The same array
   * as the last call when the result did not change.
   */
  filter(order: Int32Array, filter: LicenceFilter): LicenceRow[] {
    const words = searchWords(filter.query);
    const { state, type } = filter;
    const last = this.#last;
    // A narrower search over the same order and filters: only the last matches can match.
    const narrower =
      last !== null &&
      last.order === order &&
      last.state === state &&
      last.type === type &&
      last.words.every((w) => words.some((word) => word.includes(w)));
    const from = narrower ? this.#matches : order;
    const fromCount = narrower ? last.count : order.length;

    const out = this.#spare;
    const keys = this.searchKeys;
    const states = this.states;
    const rows = this.rows;
    let count = 0;
    for (let n = 0; n < fromCount; n++) {
      const i = from[n]!;
      if (state !== 'all' && states[i] !== state) continue;
      if (type !== 'all' && rows[i]!.licenceType !== type) continue;
      if (!matchesAll(keys[i]!, words)) continue;
      out[count++] = i;
    }

    // The same matches as last time (a narrower search that lost none): the same rows.
    if (narrower && count === last.count) {
      this.#last = { ...last, words };
      return last.rows;
    }
    const shown = new Array<LicenceRow>(count);
    for (let n = 0; n < count; n++) shown[n] = rows[out[n]!]!;
    this.#spare = this.#matches;
    this.#matches = out;
    this.#last = { order, words, state, type, count, rows: shown };
    return shown;
  }
}

function matchesAll(key: string, words: readonly string[]): boolean {
  for (const word of words) if (!key.includes(word)) return false;
  return true;
}

/**
 * Each value's rank among the distinct values, in the collator's order (values it
 * deems equal share a rank); -1 for no value. Sorting the distinct values once makes
 * every later comparison an integer one.
 */
function ranks(values: readonly (string | null)[], collator: Intl.Collator): Keys {
  const distinct = [...new Set(values.filter((v): v is string => !!v))].sort(collator.compare);
  const rankOf = new Map<string, number>();
  let rank = -1;
  let previous: string | null = null;
  for (const value of distinct) {
    if (previous === null || collator.compare(previous, value) !== 0) rank += 1;
    rankOf.set(value, rank);
    previous = value;
  }
  return Float64Array.from(values, (v) => (v ? rankOf.get(v)! : -1));
}
