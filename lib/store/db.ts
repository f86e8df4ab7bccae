import Dexie, { type EntityTable } from 'dexie';
import type { Snapshot } from '../model';

/** The newest snapshot of each entity and reporting range: what the popup and overlay read. */
export interface LatestRow extends Snapshot {
  key: string;
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

export const DB_VERSION = 2;

export class KpiLensDb extends Dexie {
  snapshots!: EntityTable<Snapshot, 'id'>;
  latest!: EntityTable<LatestRow, 'key'>;
  targets!: EntityTable<TargetRow, 'id'>;
  alerts!: EntityTable<AlertRow, 'key'>;
  daily!: EntityTable<DailyRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Versions only grow; a reshaping goes into `.upgrade()` with a test from a stored example.
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
  }
}

let shared: KpiLensDb | null = null;
export function getDb(): KpiLensDb {
  shared ??= new KpiLensDb();
  return shared;
}
