import { entityKeyOf, type Metrics, type Snapshot, type TableReading } from '../model';
import type { KpiLensDb, LatestRow } from './db';

export function latestKeyOf(
  s: Pick<Snapshot, 'platform' | 'accountId' | 'level' | 'entityKey' | 'dateStart' | 'dateEnd'>,
) {
  return [s.platform, s.accountId, s.level, s.entityKey, s.dateStart ?? '', s.dateEnd ?? ''].join('\u001f');
}

export interface StoreOutcome {
  stored: number;
  unchanged: number;
  notStoredReason: string | null;
}

/** Turns a reading into snapshot rows; returns the reason instead when nothing may be stored. */
export function snapshotsOf(reading: TableReading, capturedAt: number): Snapshot[] | string {
  if (reading.health.status === 'not-recognised') return `Not recognised: ${reading.health.reason}`;
  const { context } = reading;
  if (!context.accountId) return 'The page does not show which ad account this is.';
  const out: Snapshot[] = [];
  for (const row of reading.rows) {
    const entityKey = entityKeyOf(row);
    if (!entityKey) continue;
    out.push({
      capturedAt,
      platform: context.platform,
      accountId: context.accountId,
      accountName: context.accountName,
      level: context.level,
      entityKey,
      entityId: row.entityId,
      entityName: row.entityName,
      dateStart: context.dateStart,
      dateEnd: context.dateEnd,
      // An assumed currency is shown as assumed in the UI but never stored as fact.
      currency: context.currencySource === 'assumed' ? null : context.currency,
      metrics: row.metrics,
      clickKind: row.clickKind,
      resultType: row.resultType,
    });
  }
  return out;
}

function sameNumbers(a: Snapshot, b: Snapshot): boolean {
  return (
    metricsEqual(a.metrics, b.metrics) &&
    a.entityName === b.entityName &&
    a.currency === b.currency &&
    a.accountName === b.accountName &&
    a.clickKind === b.clickKind &&
    a.resultType === b.resultType
  );
}

export function metricsEqual(a: Metrics, b: Metrics): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Metrics>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** Stores one reading atomically: all its changed rows, or nothing. */
export async function storeReading(
  db: KpiLensDb,
  reading: TableReading,
  capturedAt: number,
): Promise<StoreOutcome> {
  const rows = snapshotsOf(reading, capturedAt);
  if (typeof rows === 'string') return { stored: 0, unchanged: 0, notStoredReason: rows };
  return db.transaction('rw', db.snapshots, db.latest, async () => {
    const keys = rows.map(latestKeyOf);
    const previous = await db.latest.bulkGet(keys);
    const changed: Snapshot[] = [];
    const latest: LatestRow[] = [];
    rows.forEach((row, i) => {
      const before = previous[i];
      if (before && sameNumbers(before, row)) return;
      changed.push(row);
      latest.push({ ...row, key: keys[i]! });
    });
    await db.snapshots.bulkAdd(changed);
    await db.latest.bulkPut(latest);
    return { stored: changed.length, unchanged: rows.length - changed.length, notStoredReason: null };
  });
}
