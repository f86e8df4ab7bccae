import { afterEach, describe, expect, it } from 'vitest';
import { dayEntitiesOfReading, entitiesOfReading, judgedEntitiesOfReading } from '@/lib/kpi/projection';
import { tableReadingSchema } from '@/lib/model';
import { knownAccounts } from '@/lib/store/accounts';
import type { KpiLensDb } from '@/lib/store/db';
import { latestRows } from '@/lib/store/latest';
import { saveReading, snapshotsOf, storeReading } from '@/lib/store/snapshots';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const MIN = 60_000;

/** A "Nov 18 – 20" reading segmented by day: two campaigns, three days each. */
const segmented = (spendOf: (id: string, day: number) => number = (id, d) => Number(id) * 10 + d) =>
  reading(
    ['1', '2'].map((id) =>
      row(
        id,
        { spend: [18, 19, 20].reduce((sum, d) => sum + spendOf(id, d), 0), clicks: 9 },
        {
          days: [18, 19, 20].map((d) => ({
            date: `2026-11-${d}`,
            metrics: { spend: spendOf(id, d), clicks: 3 },
          })),
        },
      ),
    ),
    { dateStart: '2026-11-18', dateEnd: '2026-11-20' },
  );

describe('readings segmented by day', () => {
  it('the schema keeps the days, and a reading without them still parses (older content scripts)', () => {
    expect(tableReadingSchema.parse(segmented()).rows[0]!.days).toHaveLength(3);
    expect(tableReadingSchema.safeParse(reading([row('1', { spend: 1 })])).success).toBe(true);
  });

  it('the projection gives one entity per entity and day, with that day as its range', () => {
    const days = dayEntitiesOfReading(segmented());
    expect(days.map((e) => [e.entityKey, e.dateStart, e.dateEnd, e.metrics.spend])).toEqual([
      ['1', '2026-11-18', '2026-11-18', 28],
      ['1', '2026-11-19', '2026-11-19', 29],
      ['1', '2026-11-20', '2026-11-20', 30],
      ['2', '2026-11-18', '2026-11-18', 38],
      ['2', '2026-11-19', '2026-11-19', 39],
      ['2', '2026-11-20', '2026-11-20', 40],
    ]);
    // The chips and the judge see only the range on screen.
    expect(entitiesOfReading(segmented()).map((e) => [e.entityKey, e.dateStart, e.dateEnd])).toEqual([
      ['1', '2026-11-18', '2026-11-20'],
      ['2', '2026-11-18', '2026-11-20'],
    ]);
    expect(judgedEntitiesOfReading(segmented())).toHaveLength(2);
  });

  it('leaves out days outside the range, repeated days, days of an unknown range and a one-day range', () => {
    const days = (dates: string[], range: { dateStart: string | null; dateEnd: string | null }) =>
      dayEntitiesOfReading(
        reading(
          [row('1', { spend: 5 }, { days: dates.map((date) => ({ date, metrics: { spend: 1 } })) })],
          range,
        ),
      ).map((e) => e.dateStart);
    const range = { dateStart: '2026-11-18', dateEnd: '2026-11-20' };
    expect(days(['2026-11-17', '2026-11-18', '2026-11-18', '2026-11-21'], range)).toEqual(['2026-11-18']);
    expect(days(['2026-11-18'], { dateStart: null, dateEnd: null })).toEqual([]);
    expect(days(['2026-11-18'], { dateStart: '2026-11-18', dateEnd: '2026-11-18' })).toEqual([]);
  });

  it('a reading not recognised stores no days either', () => {
    expect(snapshotsOf({ ...segmented(), health: { status: 'not-recognised', reason: 'x' } }, T0)).toBe(
      'Not recognised: x',
    );
  });

  it('stores one snapshot per entity per day beside the range rows, and a re-read stores nothing', async () => {
    db = freshDb();
    expect(await storeReading(db, segmented(), T0)).toEqual({
      stored: 8,
      unchanged: 0,
      notStoredReason: null,
    });
    expect(await storeReading(db, segmented(), T0 + MIN)).toEqual({
      stored: 0,
      unchanged: 8,
      notStoredReason: null,
    });
    const day19 = await latestRows(db, { dateStart: '2026-11-19', dateEnd: '2026-11-19' });
    expect(day19.map((r) => [r.entityKey, r.metrics.spend, r.capturedAt])).toEqual([
      ['1', 29, T0],
      ['2', 39, T0],
    ]);
    expect(await db.snapshots.count()).toBe(8);
  });

  it('a corrected day is stored again on its own; the account keeps the range on screen', async () => {
    db = freshDb();
    await storeReading(db, segmented(), T0);
    const corrected = segmented((id, d) => (id === '2' && d === 19 ? 100 : Number(id) * 10 + d));
    const saved = await saveReading(db, corrected, T0 + MIN);
    // Campaign 2's range total and its Nov 19 changed; nothing else.
    expect(saved.outcome).toEqual({ stored: 2, unchanged: 6, notStoredReason: null });
    expect(saved.rows.map((r) => [r.entityKey, r.dateStart, r.dateEnd])).toEqual([
      ['1', '2026-11-18', '2026-11-20'],
      ['2', '2026-11-18', '2026-11-20'],
    ]);
    const [account] = await knownAccounts(db);
    expect([account!.dateStart, account!.dateEnd]).toEqual(['2026-11-18', '2026-11-20']);
    expect(account!.campaigns['2']).toMatchObject({ dateStart: '2026-11-18', dateEnd: '2026-11-20' });
  });

  it('a day already stored from a one-day reading is the same history (no second row)', async () => {
    db = freshDb();
    await storeReading(
      db,
      reading([row('1', { spend: 29, clicks: 3 })], { dateStart: '2026-11-19', dateEnd: '2026-11-19' }),
      T0,
    );
    const outcome = await storeReading(db, segmented(), T0 + MIN);
    // Campaign 1's Nov 19 (spend 29, clicks 3) is unchanged; its name and labels are the same too.
    expect(outcome).toEqual({ stored: 7, unchanged: 1, notStoredReason: null });
  });
});
