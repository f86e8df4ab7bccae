import type { KpiLensDb } from './db';
import { localDay, ROLLUP_WATERMARK } from './daily';
import { latestSetKeyOf } from './keys';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Captures before this time may be pruned; null when the user keeps everything (the default). */
export function retentionCutoff(now: number, retentionDays: number | null): number | null {
  if (retentionDays === null || !Number.isFinite(retentionDays) || retentionDays < 1) return null;
  return now - Math.floor(retentionDays) * DAY_MS;
}

export interface PruneReport {
  snapshots: number;
  alerts: number;
}

/**
 * Deletes raw snapshots captured before `cutoff`, in chunks of one transaction each, sparing
 * - rows not yet folded into the daily roll-ups (nothing disappears before it is summarised), and
 * - the row that is still the newest reading of its entity and range (so a backup can rebuild the newest readings).
 * Alert-log entries older than the cutoff's day go too.
 */
export async function pruneBefore(
  db: KpiLensDb,
  cutoff: number,
  options: { chunkSize?: number; dayOf?: (ms: number) => string } = {},
): Promise<PruneReport> {
  const chunkSize = options.chunkSize ?? 2000;
  const rolledUpThrough = (await db.meta.get(ROLLUP_WATERMARK))?.value ?? 0;
  const ids = (await db.snapshots.where('capturedAt').below(cutoff).primaryKeys()).filter(
    (id): id is number => typeof id === 'number' && id <= rolledUpThrough,
  );
  let deleted = 0;
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    deleted += await db.transaction('rw', db.snapshots, db.latestSets, async () => {
      const rows = await db.snapshots.bulkGet(chunk);
      const setKeys = [...new Set(rows.flatMap((r) => (r ? [latestSetKeyOf(r)] : [])))];
      // Read raw: only capture times are compared, and a damaged set must spare rather than doom its rows.
      const sets = new Map(
        (await db.latestSets.bulkGet(setKeys)).flatMap((set) => (set ? [[set.key, set] as const] : [])),
      );
      const doomed = chunk.filter((_, j) => {
        const row = rows[j];
        if (row === undefined) return false;
        const newest = sets.get(latestSetKeyOf(row))?.rows[row.entityKey];
        return newest?.capturedAt !== row.capturedAt;
      });
      await db.snapshots.bulkDelete(doomed);
      return doomed.length;
    });
  }
  const cutoffDay = (options.dayOf ?? ((ms: number) => localDay(ms)))(cutoff);
  const alerts = await db.alerts.where('day').below(cutoffDay).delete();
  return { snapshots: deleted, alerts };
}
