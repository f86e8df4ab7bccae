import { afterEach, describe, expect, it } from 'vitest';
import { accountDays, dailySeries, localDay, ROLLUP_WATERMARK, rollUp, runRollup } from '@/lib/store/daily';
import type { KpiLensDb } from '@/lib/store/db';
import { storeReading } from '@/lib/store/snapshots';
import type { Snapshot } from '@/lib/model';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 8); // 2026-11-20 08:00 UTC

function snapshot(capturedAt: number, spend: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    capturedAt,
    platform: 'meta',
    accountId: '1',
    accountName: null,
    level: 'campaign',
    entityKey: 'c1',
    entityId: 'c1',
    entityName: 'C1',
    dateStart: '2026-11-01',
    dateEnd: '2026-11-30',
    currency: 'USD',
    currencySource: 'page',
    metrics: { spend },
    clickKind: null,
    resultType: null,
    ...overrides,
  };
}

describe('localDay', () => {
  it('uses the given time zone', () => {
    const lateUtc = Date.UTC(2026, 10, 21, 23, 30);
    expect(localDay(lateUtc, 'UTC')).toBe('2026-11-21');
    expect(localDay(lateUtc, 'Europe/Kyiv')).toBe('2026-11-22');
    expect(localDay(lateUtc, 'America/Los_Angeles')).toBe('2026-11-21');
  });
});

describe('rollUp (pure)', () => {
  it('keeps the last reading of each entity, range and day, whatever the input order', () => {
    const input = [
      snapshot(T0 + 5 * HOUR, 30),
      snapshot(T0, 10),
      snapshot(T0 + 2 * HOUR, 20),
      snapshot(T0 + 24 * HOUR, 50),
      snapshot(T0 + HOUR, 99, { dateStart: '2026-11-20', dateEnd: '2026-11-20' }),
    ];
    const rows = rollUp(input, utcDay);
    expect(rows.map((r) => [r.day, r.dateStart, r.metrics.spend]).sort()).toEqual([
      ['2026-11-20', '2026-11-01', 30],
      ['2026-11-20', '2026-11-20', 99],
      ['2026-11-21', '2026-11-01', 50],
    ]);
    expect(rollUp([...input].reverse(), utcDay)).toEqual(expect.arrayContaining(rows));
    expect(rows.every((r) => !('id' in r))).toBe(true);
  });
});

describe('runRollup', () => {
  it('folds the history in chunks, resumes from its watermark and picks up later readings', async () => {
    db = freshDb();
    for (let i = 0; i < 7; i++)
      await storeReading(db, reading([row('c1', { spend: i + 1 })]), T0 + i * 6 * HOUR);
    expect(await runRollup(db, { dayOf: utcDay, chunkSize: 3 })).toBe(7);
    expect((await db.meta.get(ROLLUP_WATERMARK))?.value).toBe(7);
    const days = await dailySeries(db, 'meta', '1234567890', 'campaign', 'c1');
    // 08:00, 14:00, 20:00 on the 20th; 02:00 … 20:00 on the 21st; 02:00 on the 22nd.
    expect(days.map((d) => [d.day, d.metrics.spend])).toEqual([
      ['2026-11-20', 3],
      ['2026-11-21', 7],
    ]);
    expect(await runRollup(db, { dayOf: utcDay })).toBe(0);
    await storeReading(db, reading([row('c1', { spend: 8 })]), T0 + 43 * HOUR);
    expect(await runRollup(db, { dayOf: utcDay })).toBe(1);
    const after = await dailySeries(db, 'meta', '1234567890', 'campaign', 'c1', { fromDay: '2026-11-22' });
    expect(after.map((d) => d.metrics.spend)).toEqual([8]);
  });

  it('an older snapshot folded in late does not replace a later one of the same day', async () => {
    db = freshDb();
    await storeReading(db, reading([row('c1', { spend: 5 })]), T0 + 3 * HOUR);
    await runRollup(db, { dayOf: utcDay });
    // e.g. imported from a backup after the day was rolled up
    await db.snapshots.add(snapshot(T0 + HOUR, 2, { accountId: '1234567890', dateEnd: '2026-11-21' }));
    expect(await runRollup(db, { dayOf: utcDay })).toBe(1);
    const days = await accountDays(db, 'meta', '1234567890', { fromDay: '2026-11-20', toDay: '2026-11-20' });
    expect(days.map((d) => [d.capturedAt, d.metrics.spend])).toEqual([[T0 + 3 * HOUR, 5]]);
  });
});
