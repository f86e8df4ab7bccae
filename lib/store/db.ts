import Dexie, { type EntityTable } from 'dexie';
import type { Snapshot } from '../model';
import { foldIntoAccount } from './accounts';
import { mergeIntoSets } from './latest';
import { legacyCurrencySource } from '../kpi/currency-policy';

/** A v1/v2 `latest` row: the newest snapshot of one entity and reporting range. Read only by the v3 upgrade. */
export interface LegacyLatestRow extends Snapshot {
  key: string;
}

/**
 * The newest reading of every entity of one table: one account, level and reporting range. What the popup
 * and options read, and what a new reading is compared with (unchanged rows are not stored again). One
 * record per table, not per entity: IndexedDB's cost is per record, and a 2,000-row reading written as
 * 2,000 records cost as much as the history write itself, as one record about a twentieth.
 */
export interface LatestSet {
  /** `latestSetKeyOf(set)`: platform, account, level, range start, range end. */
  key: string;
  platform: Snapshot['platform'];
  accountId: string;
  level: Snapshot['level'];
  dateStart: string | null;
  dateEnd: string | null;
  /** `rangeKeyOf(set)`: the range, end date first, so one index finds a range or every recent range. */
  rangeKey: string;
  /** Newest capture among `rows`. */
  capturedAt: number;
  /** The newest snapshot of each entity, by entity key. */
  rows: Record<string, Snapshot>;
}

/**
 * One row per ad account: what the pickers list, and where the account's newest reading is, so the popup
 * reads that reporting range instead of the account's whole history (see lib/store/current.ts).
 */
export interface AccountRow {
  /** `accountKeyOf(row)`. */
  key: string;
  platform: Snapshot['platform'];
  accountId: string;
  /** Newest name the pages showed, with its capture time. */
  accountName: string | null;
  accountNameAt: number;
  /** Newest currency the pages showed or the user set (never an assumed one), with its capture time. */
  currency: string | null;
  currencyAt: number;
  /** Capture time and reporting range of the account's newest row in `latestSets`. */
  lastCapturedAt: number;
  dateStart: string | null;
  dateEnd: string | null;
  /**
   * Campaigns seen, by entity key: the newest name (or id), when and in which range it was read. For
   * "one campaign" pickers, and to find a campaign target's newest row without reading every range.
   */
  campaigns: Record<string, CampaignSeen>;
}

export interface CampaignSeen {
  name: string | null;
  at: number;
  dateStart: string | null;
  dateEnd: string | null;
}

/**
 * The last snapshot of each entity, reporting range and local day. Trend charts read these (one point per
 * day) instead of scanning the raw history, and they outlive retention pruning of raw snapshots.
 */
export interface DailyRow extends Snapshot {
  /** `latestKeyOf(row)` + `\u001f` + day. */
  key: string;
  /** Local calendar day of `capturedAt`, `YYYY-MM-DD`. */
  day: string;
}

/** One row per entity, target and local day an off-track alert was raised (alerts fire at most once). */
export interface AlertRow {
  key: string;
  day: string;
  at: number;
  targetId: string;
  platform: Snapshot['platform'];
  accountId: string;
  level: Snapshot['level'];
  entityKey: string;
  entityName: string | null;
}

/** A target as stored; its shape is the KPI engine's `targetSchema`, validated in targets.ts. */
export interface TargetRow {
  id: string;
  [field: string]: unknown;
}

/** Small bookkeeping values of the background's periodic work (e.g. the roll-up watermark). */
export interface MetaRow {
  key: string;
  value: number;
}

export const DB_NAME = 'kpi-lens';

/** Schema of version 1, kept verbatim: Dexie needs every earlier version to upgrade old databases. */
export const SCHEMA_V1 = {
  snapshots:
    '++id, capturedAt, [platform+accountId+capturedAt], [platform+accountId+level+entityKey+capturedAt]',
  latest: 'key, capturedAt, [platform+accountId]',
} as const;

/**
 * Version 2 adds indexes for the popup's queries (an account's entities at one level; one account's
 * captures at one level), and the targets, alert log, daily roll-up and bookkeeping tables. Existing rows
 * need no reshaping; daily roll-ups of old snapshots are built by the next maintenance run, whose
 * watermark starts at 0.
 */
export const SCHEMA_V2 = {
  snapshots:
    '++id, capturedAt, [platform+accountId+capturedAt], [platform+accountId+level+capturedAt], [platform+accountId+level+entityKey+capturedAt]',
  latest:
    'key, capturedAt, [platform+accountId], [platform+accountId+level], [platform+accountId+level+entityKey]',
  targets: 'id',
  alerts: 'key, day, targetId',
  daily: 'key, day, [platform+accountId+day], [platform+accountId+level+entityKey+day]',
  meta: 'key',
} as const;

/**
 * Version 3 makes the newest readings cheap to write and to read selectively. v2's `latest` held one row
 * per entity and range with five indexes: storing a 2,000-row reading wrote 2,000 more records, and a year
 * of daily readings left 365 rows per entity that the popup read whole. `latestSets` holds one record per
 * table read (account, level, range), indexed by account and range (`rangeKey`, end date first); the new
 * `accounts` table (one row per ad account) tells which range is current. The upgrade groups the v2 rows
 * into sets and builds `accounts` from them; `latest` is then dropped.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  latest: null,
  latestSets: 'key, [platform+accountId+rangeKey]',
  accounts: 'key',
} as const;

/**
 * Version 4 keeps where each row's currency came from (`currencySource`: page, account, assumed), so a
 * bare `$` is stored as USD assumed instead of being dropped. Indexes are unchanged; the upgrade gives
 * every stored row (history, newest sets, daily roll-ups) the source v3 implied (`legacyCurrencySource`).
 */
export const SCHEMA_V4 = SCHEMA_V3;

export const DB_VERSION = 4;

/** A row stored by v3 or earlier, given the source its currency had then. */
export function withLegacyCurrencySource<T extends object>(row: T): T {
  const r = row as T & { currency?: unknown; currencySource?: unknown };
  if (r.currencySource !== undefined) return row;
  return {
    ...row,
    currencySource: legacyCurrencySource(typeof r.currency === 'string' ? r.currency : null),
  };
}

export class KpiLensDb extends Dexie {
  snapshots!: EntityTable<Snapshot, 'id'>;
  latestSets!: EntityTable<LatestSet, 'key'>;
  targets!: EntityTable<TargetRow, 'id'>;
  alerts!: EntityTable<AlertRow, 'key'>;
  daily!: EntityTable<DailyRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  accounts!: EntityTable<AccountRow, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Versions only grow; a reshaping goes into `.upgrade()` with a test from a stored example.
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        // Rows are taken as stored: a damaged one is left out when a set is read, as it was in v2.
        const legacy = await tx.table<LegacyLatestRow, string>('latest').toArray();
        const rows = legacy.map(({ key: _key, ...snapshot }) => snapshot as Snapshot);
        const sets = new Map<string, LatestSet>();
        mergeIntoSets(sets, rows);
        const accounts = new Map<string, AccountRow>();
        for (const row of rows) foldIntoAccount(accounts, row);
        await tx.table<LatestSet, string>('latestSets').bulkPut([...sets.values()]);
        await tx.table<AccountRow, string>('accounts').bulkPut([...accounts.values()]);
      });
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        const fill = (row: Record<string, unknown>) => {
          if (row.currencySource === undefined)
            row.currencySource = legacyCurrencySource(typeof row.currency === 'string' ? row.currency : null);
        };
        await tx.table('snapshots').toCollection().modify(fill);
        await tx.table('daily').toCollection().modify(fill);
        await tx
          .table<LatestSet, string>('latestSets')
          .toCollection()
          .modify((set) => {
            // A damaged set is left as it is: reading it back leaves out what does not parse, as before.
            if (!set.rows || typeof set.rows !== 'object') return;
            for (const row of Object.values(set.rows)) if (row && typeof row === 'object') fill(row as never);
          });
      });
  }
}

let shared: KpiLensDb | null = null;
export function getDb(): KpiLensDb {
  shared ??= new KpiLensDb();
  return shared;
}
