import Dexie, { type EntityTable } from 'dexie';
import type { Snapshot } from '../model';

/** The newest snapshot of each entity and reporting range: what the popup and overlay read. */
export interface LatestRow extends Snapshot {
  key: string;
}

export const DB_NAME = 'kpi-lens';

export class KpiLensDb extends Dexie {
  snapshots!: EntityTable<Snapshot, 'id'>;
  latest!: EntityTable<LatestRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // Versions only grow; a reshaping goes into `.upgrade()` with a test from a stored example.
    this.version(1).stores({
      snapshots:
        '++id, capturedAt, [platform+accountId+capturedAt], [platform+accountId+level+entityKey+capturedAt]',
      latest: 'key, capturedAt, [platform+accountId]',
    });
  }
}

let shared: KpiLensDb | null = null;
export function getDb(): KpiLensDb {
  shared ??= new KpiLensDb();
  return shared;
}
