import Dexie, { type EntityTable } from 'dexie';
import type { Snapshot } from '../model';
import { foldIntoAccount } from './accounts';
import { rangeKeyOf } from './keys';

/** The newest snapshot of each entity and reporting range: what the popup and options read. */
export interface LatestRow extends Snapshot {
  /** `latestKeyOf(row)`: platform, account, level, entity, range. Its prefixes select an account or entity. */
  key: string;
  /** `rangeKeyOf(row)`: the reporting range, end date first, so one index finds a range or recent ranges. */
  rangeKey: string;
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
  /** Newest currency the pages showed (an assumed currency is never stored), with its capture time. */
  currency: string | null;
  currencyAt: number;
  /** Capture time and reporting range of the account's newest row in `latest`. */
  lastCapturedAt: number;
  dateStart: string | null;
  dateEnd: string | null;
  /** Campaigns seen, by entity key: the newest name (or id) and when it was read. For "one campaign" pickers. */
  campaigns: Record<string, { name: string | null; at: number }>;
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
 * Version 3 makes `latest` cheap to write and to read selectively. A year of daily readings leaves one
 * `latest` row per entity per day in it, so reading it whole (as v2's popup did) grew with the history.
 * `latest` keeps one secondary index, by account and range (`rangeKey`, end date first); the primary key's
 * prefixes serve account and entity look-ups, so the three v2 indexes go. The new `accounts` table (one
 * row per ad account) tells which range is current. The upgrade adds `rangeKey` to every `latest` row and
 * builds `accounts` from them.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  latest: 'key, [platform+accountId+rangeKey]',
  accounts: 'key',
} as const;

export const DB_VERSION = 3;

export class KpiLensDb extends Dexie {
  snapshots!: EntityTable<Snapshot, 'id'>;
  latest!: EntityTable<LatestRow, 'key'>;
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
        const latest = tx.table<LatestRow, string>('latest');
        const accounts = new Map<string, AccountRow>();
        await latest.toCollection().modify((row) => {
          row.rangeKey = rangeKeyOf(row);
          foldIntoAccount(accounts, row);
        });
        await tx.table<AccountRow, string>('accounts').bulkPut([...accounts.values()]);
      });
  }
}

let shared: KpiLensDb | null = null;
export function getDb(): KpiLensDb {
  shared ??= new KpiLensDb();
  return shared;
}
