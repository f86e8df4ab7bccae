import { afterEach, describe, expect, it } from 'vitest';
import type { KpiLensDb } from '@/lib/store/db';
import { runRollup, dailySeries } from '@/lib/store/daily';
import { pruneBefore, retentionCutoff } from '@/lib/store/retention';
import { entitySeries, storeReading } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 12);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('retentionCutoff', () => {
  it('keeps everything by default', () => {
    expect(retentionCutoff(T0, null)).toBeNull();
    expect(retentionCutoff(T0, 0)).toBeNull();
  });
  it('is N days before now', () => {
    expect(retentionCutoff(T0, 30)).toBe(T0 - 30 * DAY);
  });
});

describe('pruneBefore', () => {
  async function tenDays() {
    db = freshDb();
    for (let d = 0; d < 10; d++) {
      // Entity 1 changes every day; entity 2 was read once on day 0 and never changed.
      await storeReading(db, reading([row('1', { spend: d }), row('2', { spend: 50 })]), T0 + d * DAY);
    }
  }

  it('deletes old raw snapshots but keeps daily roll-ups and each entity’s newest reading', async () => {
    await tenDays();
    await runRollup(db, { dayOf: utcDay });
    const report = await pruneBefore(db, T0 + 7 * DAY, { chunkSize: 3, dayOf: utcDay });
    expect(report.snapshots).toBe(7);
    const series = await entitySeries(db, 'meta', '1234567890', 'campaign', '1');
    expect(series.map((s) => s.metrics.spend)).toEqual([7, 8, 9]);
    // Entity 2's only reading is old but still its newest: kept, so a backup can rebuild `latest`.
    expect((await entitySeries(db, 'meta', '1234567890', 'campaign', '2')).map((s) => s.capturedAt)).toEqual([
      T0,
    ]);
    expect(await latestRows(db)).toHaveLength(2);
    expect(await dailySeries(db, 'meta', '1234567890', 'campaign', '1')).toHaveLength(10);
  });

  it('never deletes snapshots that were not rolled up yet', async () => {
    await tenDays();
    await runRollup(db, { dayOf: utcDay, chunkSize: 4 }); // everything
    // A late arrival (e.g. imported) that is not anyone's newest reading and is not rolled up yet.
    const [first] = await entitySeries(db, 'meta', '1234567890', 'campaign', '1', 1);
    await db.snapshots.add({ ...first!, id: undefined, capturedAt: T0 - DAY, metrics: { spend: 100 } });
    await pruneBefore(db, T0 + 7 * DAY, { dayOf: utcDay });
    const series = await entitySeries(db, 'meta', '1234567890', 'campaign', '1');
    expect(series[0]?.metrics.spend).toBe(100);
  });

  it('drops alert-log days before the cutoff', async () => {
    db = freshDb();
    const alert = {
      at: T0,
      targetId: 't',
      platform: 'meta' as const,
      accountId: '1',
      level: 'campaign' as const,
      entityKey: 'e',
      entityName: null,
    };
    await db.alerts.bulkAdd([
      { ...alert, key: 'old', day: '2026-09-01' },
      { ...alert, key: 'new', day: '2026-10-01' },
    ]);
    const report = await pruneBefore(db, Date.UTC(2026, 8, 15), { dayOf: utcDay });
    expect(report.alerts).toBe(1);
    expect((await db.alerts.toArray()).map((a) => a.key)).toEqual(['new']);
  });
});
